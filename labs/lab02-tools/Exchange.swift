import LabKit
import Lab02Checks

// Exercise 5 of lab 02: the whole exchange.
// The assignment: labs/lab02-tools/README.md. Check your work: swift run lab02-tools check

/// Asks `model` a question with the registry's tools on offer, runs the tools it calls, sends
/// the results back, and returns its answer.
///
/// The contract the checks hold you to (`lab02.exchange.*`, `lab02.http.*`):
/// - First request: `messages` is `[.user(question)]` and `tools` is `registry.definitions`.
///   (`model` may stay empty: `OpenAIClient` fills in its own.)
/// - An answer without tool calls is the answer: append it, return its text. Nothing runs.
/// - An answer with tool calls: append the model's message as it came (role `assistant`, with its
///   `tool_calls`), then, for every call in order, the tool message your exercise 4 function
///   returns for it (with `retry`). Then ask again with the whole conversation and the same tools.
/// - The second answer must be text: append it and return. If it calls tools again, throw
///   `AgentError.stepLimitReached(maxSteps: 2)`; looping is lab 04's business.
/// - The model's errors come through as they are.
///
/// - Parameters:
///   - question: What the user asks.
///   - model: The model to ask.
///   - registry: The tools on offer.
///   - retry: Passed on to exercise 4 for every tool call.
/// - Returns: The answer's text and the whole conversation, the answer included.
public func answerQuestion(
    _ question: String,
    model: any ChatModel,
    registry: ToolRegistry,
    retry: ToolRetry
) async throws -> ToolExchange {
    throw LabError.notImplemented("answerQuestion(_:model:registry:retry:)")
}
