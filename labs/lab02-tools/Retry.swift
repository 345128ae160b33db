import LabKit
import Lab02Checks

// Exercise 4 of lab 02: retry a flaky tool.
// The assignment: labs/lab02-tools/README.md. Check your work: swift run lab02-tools check

/// Runs the tool a call names through `retry`, and answers the call with a tool message.
///
/// `retry` is chapter 11's `executeWithRetry`, handed in as a closure (lab 02 uses no other
/// chapter's code): it runs the operation you give it again while it throws, waiting on its
/// clock between attempts, and throws the last error once it gives up.
///
/// The contract the checks hold you to (`lab02.retry.*`):
/// - No such tool: answer at once with the `error: …` message of exercise 3, without calling
///   `retry` (no attempt could find it).
/// - Otherwise run the tool inside `retry { … }` only, so that its errors reach the retry: a
///   tool that fails twice and then works is answered with its output.
/// - `retry` throws: answer `.tool("error: \(error)", callID: call.id)` with the error it threw
///   (the last attempt's). Never throw.
///
/// - Parameters:
///   - call: The model's tool call.
///   - registry: The tools on offer.
///   - retry: Runs an operation again while it fails.
/// - Returns: The tool message that answers `call`.
public func executeToolCall(_ call: ToolCall, registry: ToolRegistry, retry: ToolRetry) async throws -> ChatMessage {
    throw LabError.notImplemented("executeToolCall(_:registry:retry:)")
}
