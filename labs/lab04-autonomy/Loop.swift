import Lab04Checks
import LabKit

// Exercise 1 of lab 04: the agent loop.
// The assignment: labs/lab04-autonomy/README.md. Check your work: swift run lab04-autonomy check

/// Calls the model until it answers in text, running every tool it asks for on the way.
///
/// The contract the checks hold you to (`lab04.loop.*`, `lab04.http.*`):
/// - Each request: `messages` is the conversation so far (starting with the `messages` given),
///   `tools` is `tools.definitions`. (`model` may stay empty: `OpenAIClient` fills in its own.)
/// - An answer with tool calls: append the model's message as it came (role `assistant`, with its
///   `tool_calls`), then run **every** call in order and append one `.tool(output, callID: call.id)`
///   per call. Then call the model again.
/// - A tool that throws is answered with `.tool("error: \(error)", callID: call.id)`; a call of
///   a tool that `tools` does not have with `.tool("error: \(ToolError.unknownTool(…))", …)`,
///   naming it. Either way the loop goes on: the model decides what to do about it.
/// - An answer in text ends the loop: append it and return `AgentRun(answer:messages:)` with the
///   whole conversation.
/// - An answer with neither text nor tool calls (or no message at all) throws
///   `AgentError.emptyAnswer`. The model's own errors come through as they are.
/// - When the model has been called `maxSteps` times and still asks for tools, throw
///   `AgentError.stepLimitReached(maxSteps:)` instead of calling it again.
///
/// - Parameters:
///   - messages: The conversation to start from, such as a system prompt and the user's request.
///   - model: The model to ask.
///   - tools: The tools on offer.
///   - maxSteps: The most model calls the run may make.
/// - Returns: The answer and the whole conversation.
public func runAgentLoop(messages: [ChatMessage], model: any ChatModel, tools: ToolRegistry, maxSteps: Int) async throws -> AgentRun {
    throw LabError.notImplemented("runAgentLoop(messages:model:tools:maxSteps:)")
}
