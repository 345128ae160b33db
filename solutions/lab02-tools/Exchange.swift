import LabKit
import Lab02Checks

/// Asks `model` the question with the registry's tools on offer; runs every tool call of its
/// answer (through `retry`), sends the results back, and returns the model's answer.
///
/// - Throws: `AgentError.stepLimitReached(maxSteps: 2)` when the second answer calls tools
///   again; `AgentError.emptyAnswer` for an answer with nothing in it; the model's errors as
///   they are.
public func answerQuestion(
    _ question: String,
    model: any ChatModel,
    registry: ToolRegistry,
    retry: ToolRetry
) async throws -> ToolExchange {
    var messages: [ChatMessage] = [.user(question)]
    let first = try await ask(model, messages, registry)
    messages.append(first)
    guard let calls = first.toolCalls, !calls.isEmpty else {
        return ToolExchange(answer: first.content ?? "", messages: messages)
    }
    for call in calls {
        messages.append(try await executeToolCall(call, registry: registry, retry: retry))
    }
    let second = try await ask(model, messages, registry)
    messages.append(second)
    guard second.toolCalls?.isEmpty ?? true else {
        throw AgentError.stepLimitReached(maxSteps: 2)
    }
    return ToolExchange(answer: second.content ?? "", messages: messages)
}

/// Sends the conversation with the registry's tools and returns the model's message.
private func ask(_ model: any ChatModel, _ messages: [ChatMessage], _ registry: ToolRegistry) async throws -> ChatMessage {
    let request = ChatCompletionRequest(model: "", messages: messages, tools: registry.definitions)
    guard let reply = try await model.complete(request).message,
          reply.content != nil || reply.toolCalls?.isEmpty == false
    else { throw AgentError.emptyAnswer }
    return reply
}
