import LabKit

/// Runs the tool a call names and answers the call with a tool message: its output, or
/// `error: …` when the tool is unknown or fails.
public func executeToolCall(_ call: ToolCall, registry: ToolRegistry) async throws -> ChatMessage {
    try await executeToolCall(call, registry: registry) { operation in try await operation() }
}

/// The error tool message for `call`: what the model reads when a call could not give a result.
func errorMessage(_ error: any Error, answering call: ToolCall) -> ChatMessage {
    .tool("error: \(error)", callID: call.id)
}
