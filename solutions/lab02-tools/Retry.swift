import LabKit
import Lab02Checks

/// Runs the tool a call names through `retry`, and answers the call with a tool message: the
/// output of the attempt that worked, or `error: …` with the last error once `retry` gives up.
/// An unknown tool is answered at once, without `retry`.
public func executeToolCall(_ call: ToolCall, registry: ToolRegistry, retry: ToolRetry) async throws -> ChatMessage {
    guard let tool = registry.tool(named: call.function.name) else {
        return errorMessage(ToolError.unknownTool(name: call.function.name, available: registry.names), answering: call)
    }
    do {
        let output = try await retry { try await tool.run(call) }
        return .tool(output, callID: call.id)
    } catch {
        return errorMessage(error, answering: call)
    }
}
