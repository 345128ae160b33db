import LabKit

// Exercise 3 of lab 02: execute a tool call through a registry.
// The assignment: labs/lab02-tools/README.md. Check your work: swift run lab02-tools check

/// Runs the tool a call names and answers the call with a tool message.
///
/// The contract the checks hold you to (`lab02.execute.*`):
/// - Find the tool with `registry.tool(named: call.function.name)` and run it once on
///   `call.function.arguments`, exactly as the model wrote them.
/// - It returns: answer with `.tool(output, callID: call.id)`. The `tool_call_id` is how the
///   model knows which of its calls this result answers.
/// - No such tool: answer `.tool("error: \(ToolError.unknownTool(name:available:))", callID: call.id)`,
///   naming the tool, and run nothing.
/// - The tool throws: answer `.tool("error: \(error)", callID: call.id)`.
/// - Never throw: a failed call is a result the model reads, and the conversation goes on.
///
/// - Parameters:
///   - call: The model's tool call.
///   - registry: The tools on offer.
/// - Returns: The tool message that answers `call`.
public func executeToolCall(_ call: ToolCall, registry: ToolRegistry) async throws -> ChatMessage {
    throw LabError.notImplemented("executeToolCall(_:registry:)")
}
