/// The tools an agent offers, looked up by the name a model calls them by.
///
/// The registry only holds and finds tools; executing a call (and turning what happens into a
/// tool message) is the agent's job.
///
/// ```swift
/// let registry = ToolRegistry([checkDisk, cleanLogs])
/// registry.definitions            // offered in ChatCompletionRequest.tools, in this order
/// registry.tool(named: call.function.name)?.run(call)
/// ```
public struct ToolRegistry: Sendable {
    /// The tools, in the order they are offered.
    public let tools: [Tool]

    /// Creates a registry. When two tools share a name, the first one is found.
    public init(_ tools: [Tool]) {
        self.tools = tools
    }

    /// The definitions to offer a model, in registration order.
    public var definitions: [ToolDefinition] { tools.map(\.definition) }

    /// The names of the tools, in registration order.
    public var names: [String] { tools.map(\.name) }

    /// The tool called `name`, or `nil` when there is none.
    public func tool(named name: String) -> Tool? {
        tools.first { $0.name == name }
    }
}
