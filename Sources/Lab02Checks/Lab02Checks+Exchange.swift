import LabChecks
import LabKit

extension Lab02Checks {
    static let exchangeHint = "Exercise 5 (Exchange.swift): send [user], append the model's message, then one tool "
        + "message per call, send again, and return the text of the second answer."

    /// The model's side of the story: one call of get_server_status, then an answer.
    static func storyModel(callID: String = "call_7Qx2") -> ScriptedModel {
        ScriptedModel([
            .toolCalls([statusCall(callID)]),
            .text("Server 192.168.1.10 is online, with a load of 0.5."),
        ])
    }

    static let exchange: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.exchange.first-request",
            title: "The first request holds the question alone, and offers the registry's tools",
            points: 2,
            hint: "The first request: messages [.user(question)], tools: registry.definitions."
        ) { exercises, _ in
            let model = storyModel()
            let registry = statusRegistry()
            _ = try await exercises.answerQuestion(storyQuestion, model, registry, singleAttempt)
            let first = try firstRequest(of: model)
            try expect(first.messages, equals: [.user(storyQuestion)], "the first request's messages")
            try expect(first.tools ?? [], equals: registry.definitions, "the tools offered")
        },
        Check(
            id: "lab02.exchange.assistant-message-kept",
            title: "The second request carries the model's tool-call message before the tool result",
            points: 3,
            hint: "Append the model's message (role assistant, with its tool_calls) to the conversation before "
                + "the tool messages: a tool message must follow the call it answers."
        ) { exercises, _ in
            let model = storyModel()
            _ = try await exercises.answerQuestion(storyQuestion, model, statusRegistry(), singleAttempt)
            let second = try secondRequest(of: model)
            try expectRoles(second.messages, ["user", "assistant(tool_calls: call_7Qx2)", "tool(call_7Qx2)"])
            try expect(second.messages[1].toolCalls ?? [], equals: [statusCall("call_7Qx2")], "the tool calls of the assistant message")
        },
        Check(
            id: "lab02.exchange.tool-call-ids",
            title: "Each tool message carries the tool_call_id of the call it answers",
            points: 3,
            hint: "Use call.id from the model's answer as the tool message's tool_call_id; the model matches results to calls by it."
        ) { exercises, _ in
            let model = storyModel(callID: "call_w4Ld8")
            _ = try await exercises.answerQuestion(storyQuestion, model, statusRegistry(), singleAttempt)
            let second = try secondRequest(of: model)
            let answered = second.messages.filter { $0.role == .tool }.map { $0.toolCallID ?? "nothing" }
            guard answered == ["call_w4Ld8"] else {
                throw CheckFailure("expected one tool message answering tool_call_id \"call_w4Ld8\" (the id of the model's call), "
                    + "got tool messages answering \(show(answered)): a wrong tool_call_id leaves the model's call unanswered")
            }
        },
        Check(
            id: "lab02.exchange.every-call-answered",
            title: "Every tool call of the answer runs, in order, and gets its own tool message",
            points: 2,
            hint: "Loop over all of message.toolCalls, not just the first."
        ) { exercises, _ in
            let model = ScriptedModel([
                .toolCalls([statusCall("call_1", ip: "10.0.0.1"), statusCall("call_2", ip: "10.0.0.2")]),
                .text("Both servers are online."),
            ])
            let runs = Recorder<String>()
            _ = try await exercises.answerQuestion("Are 10.0.0.1 and 10.0.0.2 online?", model, statusRegistry(runs: runs), singleAttempt)
            try expect(runs.all, equals: [#"{"ip":"10.0.0.1"}"#, #"{"ip":"10.0.0.2"}"#], "the arguments the tool ran on")
            let second = try secondRequest(of: model)
            try expectRoles(second.messages, ["user", "assistant(tool_calls: call_1, call_2)", "tool(call_1)", "tool(call_2)"])
        },
        Check(
            id: "lab02.exchange.returns-answer",
            title: "Returns the model's answer and the whole conversation: question, call, result, answer",
            points: 2,
            hint: "Append the final answer to the conversation too, and return its text with every message."
        ) { exercises, _ in
            let exchange = try await exercises.answerQuestion(storyQuestion, storyModel(), statusRegistry(), singleAttempt)
            try expect(exchange.answer, equals: "Server 192.168.1.10 is online, with a load of 0.5.", "the answer")
            try expect(exchange.messages, equals: [
                .user(storyQuestion),
                .assistant(toolCalls: [statusCall()]),
                .tool(onlineStatus, callID: "call_7Qx2"),
                .assistant("Server 192.168.1.10 is online, with a load of 0.5."),
            ], "the conversation")
        },
        Check(
            id: "lab02.exchange.direct-answer",
            title: "When the model answers at once, no tool runs and that answer is returned",
            points: 1,
            hint: "A message without tool_calls is the answer: return it without asking again."
        ) { exercises, _ in
            let model = ScriptedModel([.text("I need an IP address to check a server.")])
            let runs = Recorder<String>()
            let exchange = try await exercises.answerQuestion("Is my server online?", model, statusRegistry(runs: runs), singleAttempt)
            try expect(exchange.answer, equals: "I need an IP address to check a server.", "the answer")
            try expect(model.calls, equals: 1, "requests to the model")
            try expect(runs.count, equals: 0, "tool runs")
        },
        Check(
            id: "lab02.exchange.one-round-only",
            title: "A second round of tool calls ends the exchange with AgentError.stepLimitReached(maxSteps: 2)",
            points: 1,
            hint: "This lab allows one round of tools; looping is lab 04. When the second answer calls tools again, "
                + "throw AgentError.stepLimitReached(maxSteps: 2)."
        ) { exercises, _ in
            let model = ScriptedModel([.toolCalls([statusCall("call_1")]), .toolCalls([statusCall("call_2")])])
            let error = try await caughtError {
                _ = try await exercises.answerQuestion(storyQuestion, model, statusRegistry(), singleAttempt)
            }
            try expect(thrown: error, equals: AgentError.stepLimitReached(maxSteps: 2), "the error")
            try expect(model.calls, equals: 2, "requests to the model")
        },
        Check(
            id: "lab02.exchange.tool-error-reaches-model",
            title: "A tool that fails does not end the exchange: its error goes back to the model, which answers",
            points: 2,
            hint: "A failed tool still answers its call, with an error tool message; then ask the model again."
        ) { exercises, _ in
            let model = ScriptedModel([.toolCalls([statusCall("call_9")]), .text("I could not reach 192.168.1.10.")])
            let registry = statusRegistry { _ in throw ToolFailure(reason: "no route to host") }
            let exchange = try await exercises.answerQuestion(storyQuestion, model, registry, singleAttempt)
            let second = try secondRequest(of: model)
            try expectRoles(second.messages, ["user", "assistant(tool_calls: call_9)", "tool(call_9)"])
            try expectErrorMessage(second.messages[2], answering: "call_9", containing: "no route to host")
            try expect(exchange.answer, equals: "I could not reach 192.168.1.10.", "the answer")
        },
        Check(
            id: "lab02.exchange.model-error-passes-through",
            title: "An error of the model comes through unchanged",
            points: 1,
            hint: "Do not catch what model.complete throws: the caller decides whether to retry a 429 or a 503."
        ) { exercises, _ in
            let failure = LLMError.http(status: 503, message: "The server is overloaded.", type: "server_error", code: nil, retryAfter: nil)
            let model = ScriptedModel([.toolCalls([statusCall("call_1")]), .failure(failure)])
            let error = try await caughtError {
                _ = try await exercises.answerQuestion(storyQuestion, model, statusRegistry(), singleAttempt)
            }
            try expect(thrown: error, equals: failure, "the error")
        },
        Check(
            id: "lab02.exchange.uses-retry",
            title: "Tool calls go through the retry it was given",
            points: 1,
            hint: "Execute each call with your exercise 4 function, passing the retry along."
        ) { exercises, context in
            let clock = context.clock()
            let model = storyModel()
            let runs = Recorder<String>()
            let retry = ScheduleRetry(delays: [.seconds(1)], clock: clock).asToolRetry
            _ = try await exercises.answerQuestion(storyQuestion, model, flakyStatus(failures: 1, runs: runs), retry)
            let second = try secondRequest(of: model)
            try expect(second.messages.last?.content, equals: onlineStatus, "the tool result the model saw")
            try expect(clock.sleeps, equals: [.seconds(1)], "waits on the clock")
        },
    ]

    static func firstRequest(of model: ScriptedModel) throws -> ChatCompletionRequest {
        guard let first = model.requests.first else { throw CheckFailure("expected a request to the model, got none") }
        return first
    }

    static func secondRequest(of model: ScriptedModel) throws -> ChatCompletionRequest {
        let requests = model.requests
        guard requests.count >= 2 else {
            throw CheckFailure("expected a second request to the model with the tool results, got \(requests.count) request(s)")
        }
        return requests[1]
    }
}
