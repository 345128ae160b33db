/// A tool an agent can run: what the model is told about it, and the code that runs it.
///
/// The code receives the model's call: its `arguments` exactly as the model wrote them (a JSON
/// object in a string, which may not parse), and its `id`, which a tool with side effects can
/// use as an idempotency key. It returns the text that goes back to the model.
///
/// ```swift
/// let disk = Tool(ToolDefinition(name: "check_disk", description: "Reports disk usage.")) { call in
///     "Disk Usage: 95% (CRITICAL). Large folder: /var/log"
/// }
/// ```
public struct Tool: Sendable {
    /// What the model is offered: name, description and parameter schema.
    public var definition: ToolDefinition
    /// Runs the tool for a call and returns its output.
    public var run: @Sendable (_ call: ToolCall) async throws -> String

    /// Creates a tool.
    /// - Parameters:
    ///   - definition: What the model is offered.
    ///   - run: The tool's code; an error it throws means the tool failed.
    public init(_ definition: ToolDefinition, run: @escaping @Sendable (_ call: ToolCall) async throws -> String) {
        self.definition = definition
        self.run = run
    }

    /// The tool's name, as the model calls it.
    public var name: String { definition.name }
}
