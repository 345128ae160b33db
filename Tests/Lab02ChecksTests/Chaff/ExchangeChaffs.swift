import Lab02Checks
import Lab02ToolsSolution
import LabChecks
import LabKit

/// An exchange written plainly, as a student would, with one mistake chosen by `slip`.
private func exchange(
    _ slip: ExchangeSlip, _ question: String, _ model: any ChatModel, _ registry: ToolRegistry, _ retry: ToolRetry
) async throws -> ToolExchange {
    var messages: [ChatMessage] = [.user(question)]
    let tools = slip == .noToolsOffered ? nil : registry.definitions
    guard let first = try await model.complete(ChatCompletionRequest(model: "", messages: messages, tools: tools)).message else {
        throw AgentError.emptyAnswer
    }
    let calls = first.toolCalls ?? []
    if calls.isEmpty && slip != .alwaysAsksTwice {
        return ToolExchange(answer: first.content ?? "", messages: messages + [first])
    }
    if slip != .forgetsAssistantMessage { messages.append(first) }
    var outputs: [String] = []
    for call in slip == .firstCallOnly ? Array(calls.prefix(1)) : calls {
        let message: ChatMessage
        switch slip {
        case .noRetry: message = try await executeToolCall(call, registry: registry)
        case .toolErrorThrows:
            guard let tool = registry.tool(named: call.function.name) else { throw ToolError.unknownTool(name: call.function.name, available: []) }
            message = .tool(try await tool.run(call), callID: call.id)
        default: message = try await executeToolCall(call, registry: registry, retry: retry)
        }
        let id = slip == .toolNameAsID ? call.function.name : call.id
        messages.append(ChatMessage(role: .tool, content: message.content, toolCallID: id))
        outputs.append(message.content ?? "")
    }
    if slip == .answersWithToolOutput { return ToolExchange(answer: outputs.joined(separator: "\n"), messages: messages) }
    while true {
        let response: ChatCompletionResponse
        do {
            response = try await model.complete(ChatCompletionRequest(model: "", messages: messages, tools: tools))
        } catch where slip == .modelErrorAsAnswer {
            return ToolExchange(answer: "Sorry, the model is unavailable: \(error)", messages: messages)
        }
        guard let reply = response.message else { throw AgentError.emptyAnswer }
        messages.append(reply)
        let more = reply.toolCalls ?? []
        if more.isEmpty { return ToolExchange(answer: reply.content ?? "", messages: messages) }
        guard slip == .loopsUntilText else { throw AgentError.stepLimitReached(maxSteps: 2) }
        for call in more { messages.append(try await executeToolCall(call, registry: registry, retry: retry)) }
    }
}

enum ExchangeSlip: Sendable {
    case none, forgetsAssistantMessage, toolNameAsID, firstCallOnly, answersWithToolOutput, noToolsOffered
    case loopsUntilText, toolErrorThrows, noRetry, alwaysAsksTwice, modelErrorAsAnswer
}

private func slipping(_ name: String, _ slip: ExchangeSlip, caughtBy checks: [String]) -> Chaff {
    Chaff(name: name, subject: solution { $0.answerQuestion = { try await exchange(slip, $0, $1, $2, $3) } }, caughtBy: checks)
}

/// The plainly written exchange without a mistake: a wheat.
let plainExchange = solution { $0.answerQuestion = { try await exchange(.none, $0, $1, $2, $3) } }

let exchangeChaffs: [Chaff] = [
    slipping("exchange: forgets the assistant message", .forgetsAssistantMessage, caughtBy: [
        "lab02.exchange.assistant-message-kept", "lab02.exchange.returns-answer", "lab02.exchange.tool-error-reaches-model",
        "lab02.http.exchange-over-the-wire", "lab02.http.error-over-the-wire",
    ]),
    slipping("exchange: the tool's name as tool_call_id", .toolNameAsID, caughtBy: [
        "lab02.exchange.tool-call-ids", "lab02.exchange.assistant-message-kept", "lab02.http.exchange-over-the-wire",
    ]),
    slipping("exchange: executes only the first tool call", .firstCallOnly, caughtBy: ["lab02.exchange.every-call-answered"]),
    slipping("exchange: returns the tool's output instead of asking the model again", .answersWithToolOutput, caughtBy: [
        "lab02.exchange.returns-answer", "lab02.exchange.assistant-message-kept", "lab02.http.exchange-over-the-wire",
    ]),
    slipping("exchange: offers no tools", .noToolsOffered, caughtBy: ["lab02.exchange.first-request", "lab02.http.exchange-over-the-wire"]),
    slipping("exchange: loops until the model answers in text", .loopsUntilText, caughtBy: ["lab02.exchange.one-round-only"]),
    slipping("exchange: a failing tool ends the exchange", .toolErrorThrows, caughtBy: [
        "lab02.exchange.tool-error-reaches-model", "lab02.http.error-over-the-wire",
    ]),
    slipping("exchange: tool calls made without the retry", .noRetry, caughtBy: ["lab02.exchange.uses-retry"]),
    slipping("exchange: the model's error returned as the answer", .modelErrorAsAnswer,
             caughtBy: ["lab02.exchange.model-error-passes-through"]),
    slipping("exchange: asks the model again even after a direct answer", .alwaysAsksTwice, caughtBy: ["lab02.exchange.direct-answer"]),
]
