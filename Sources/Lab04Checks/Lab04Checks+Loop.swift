import LabChecks
import LabKit

extension Lab04Checks {
    static let loopHint = "Exercise 1 (Loop.swift): call the model; for tool calls append its message and one tool "
        + "message per call, then call it again; a text answer ends the loop."

    static let loop: [Check<Lab04Exercises>] = [
        Check(
            id: "lab04.loop.first-request",
            title: "The first request holds the conversation it was given and offers every tool",
            points: 1,
            hint: "ChatCompletionRequest(model: \"\", messages: messages, tools: tools.definitions)."
        ) { exercises, _ in
            let model = ScriptedModel(storyScript())
            let disk = Disk()
            _ = try await exercises.runAgentLoop(storyStart, model, disk.tools(), 10)
            let first = try request(0, of: model)
            try expect(first.messages, equals: storyStart, "the first request's messages")
            try expect(first.tools?.map(\.name) ?? [], equals: ["check_disk", "clean_logs"], "the tools offered")
        },
        Check(
            id: "lab04.loop.runs-until-answer",
            title: "Checks the disk, cleans the logs, checks again and returns the model's answer",
            points: 3,
            hint: loopHint
        ) { exercises, _ in
            let model = ScriptedModel(storyScript())
            let disk = Disk()
            let run = try await exercises.runAgentLoop(storyStart, model, disk.tools(), 10)
            try expect(disk.effects.all, equals: ["check_disk", "clean_logs", "check_disk"], "the tools that ran")
            try expect(model.calls, equals: 4, "model calls")
            try expect(run.answer, equals: storyAnswer, "the answer")
        },
        Check(
            id: "lab04.loop.assistant-then-results",
            title: "Each request carries the model's tool-call message, then its results under the calls' tool_call_ids",
            points: 3,
            hint: "After each answer with tool calls, append that assistant message as it came, then one "
                + ".tool(output, callID: call.id) per call; the model pairs results with calls by id."
        ) { exercises, _ in
            let model = ScriptedModel(storyScript())
            _ = try await exercises.runAgentLoop(storyStart, model, Disk().tools(), 10)
            try expectRoles(try request(1, of: model).messages,
                            ["system", "user", "assistant(tool_calls: call_c1)", "tool(call_c1)"], "second request's messages")
            try expectRoles(try request(3, of: model).messages, [
                "system", "user", "assistant(tool_calls: call_c1)", "tool(call_c1)", "assistant(tool_calls: call_c2)",
                "tool(call_c2)", "assistant(tool_calls: call_c3)", "tool(call_c3)",
            ], "fourth request's messages")
            try expect(try request(1, of: model).messages.last?.content, equals: fullDisk, "the tool result sent back")
        },
        Check(
            id: "lab04.loop.every-call-in-order",
            title: "Every tool call of a turn runs, in order, each answered by its own tool message",
            points: 2,
            hint: "Loop over all of message.toolCalls; the model may ask for several tools at once."
        ) { exercises, _ in
            let model = ScriptedModel([
                .toolCalls([diskCall("call_a", "check_disk"), diskCall("call_b", "clean_logs"), diskCall("call_c", "check_disk")]),
                .text(storyAnswer),
            ])
            let disk = Disk()
            _ = try await exercises.runAgentLoop(storyStart, model, disk.tools(), 10)
            try expect(disk.effects.all, equals: ["check_disk", "clean_logs", "check_disk"], "the tools that ran")
            let second = try request(1, of: model)
            try expectRoles(second.messages,
                            ["system", "user", "assistant(tool_calls: call_a, call_b, call_c)", "tool(call_a)", "tool(call_b)", "tool(call_c)"],
                            "second request's messages")
            try expect(second.messages.suffix(3).map { $0.content ?? "" }, equals: [fullDisk, cleaned, healthyDisk], "the results, in order")
        },
        Check(
            id: "lab04.loop.tool-error-fed-back",
            title: "A tool that throws is answered with an error tool message, and the loop goes on",
            points: 2,
            hint: "Catch the tool's error and append .tool(\"error: \\(error)\", callID: call.id); the model decides what next."
        ) { exercises, _ in
            let model = ScriptedModel([.toolCalls([diskCall("call_x", "clean_logs")]), .text("Cleaning failed: permission denied.")])
            let tools = Disk().tools { _ in throw ToolFailure(reason: "permission denied: /var/log/syslog") }
            let run = try await exercises.runAgentLoop(storyStart, model, tools, 10)
            let result = try request(1, of: model).messages.last
            try expect(result?.toolCallID, equals: "call_x", "tool_call_id of the error message")
            let content = result?.content ?? ""
            try expect(content.lowercased().hasPrefix("error:") && content.contains("permission denied: /var/log/syslog"),
                       "expected the tool message \"error: …permission denied: /var/log/syslog…\", got \(show(result?.content))")
            try expect(run.answer, equals: "Cleaning failed: permission denied.", "the answer")
        },
        Check(
            id: "lab04.loop.unknown-tool-fed-back",
            title: "A call of a tool that does not exist is answered with an error naming it, and the loop goes on",
            points: 1,
            hint: "When tools.tool(named:) finds nothing, append .tool(\"error: \\(ToolError.unknownTool(…))\", callID: call.id)."
        ) { exercises, _ in
            let model = ScriptedModel([.toolCalls([diskCall("call_u", "format_disk")]), .text("I cannot format disks.")])
            let disk = Disk()
            let run = try await exercises.runAgentLoop(storyStart, model, disk.tools(), 10)
            let result = try request(1, of: model).messages.last
            try expect(result?.toolCallID, equals: "call_u", "tool_call_id of the error message")
            let content = result?.content ?? ""
            try expect(content.lowercased().hasPrefix("error:") && content.contains("format_disk"),
                       "expected the tool message \"error: …format_disk…\", got \(show(result?.content))")
            try expect(disk.effects.count, equals: 0, "tools that ran")
            try expect(run.answer, equals: "I cannot format disks.", "the answer")
        },
        Check(
            id: "lab04.loop.step-limit",
            title: "A model that never stops calling tools ends the run with AgentError.stepLimitReached after maxSteps calls",
            points: 3,
            hint: "Count the model calls; once maxSteps answers have all asked for tools, throw "
                + "AgentError.stepLimitReached(maxSteps:) instead of calling again."
        ) { exercises, _ in
            let model = runawayModel(limit: 25)
            let error = try await caughtError { _ = try await exercises.runAgentLoop(storyStart, model, Disk().tools(), 5) }
            try expectStopped(model, within: 5, error: error, expected: .stepLimitReached(maxSteps: 5))
        },
        Check(
            id: "lab04.loop.transcript",
            title: "Returns the whole conversation: what it started with, every call and result, and the answer",
            points: 2,
            hint: "Return AgentRun(answer:messages:) with the final assistant message appended too."
        ) { exercises, _ in
            let run = try await exercises.runAgentLoop(storyStart, ScriptedModel(storyScript()), Disk().tools(), 10)
            try expect(run.messages, equals: storyStart + [
                .assistant(toolCalls: [diskCall("call_c1", "check_disk")]), .tool(fullDisk, callID: "call_c1"),
                .assistant(toolCalls: [diskCall("call_c2", "clean_logs")]), .tool(cleaned, callID: "call_c2"),
                .assistant(toolCalls: [diskCall("call_c3", "check_disk")]), .tool(healthyDisk, callID: "call_c3"),
                .assistant(storyAnswer),
            ], "the conversation")
        },
        Check(
            id: "lab04.loop.model-error-passes-through",
            title: "An error of the model comes through unchanged and ends the run",
            points: 1,
            hint: "Do not catch what model.complete throws; a failing model is not an answer."
        ) { exercises, _ in
            let failure = LLMError.http(status: 429, message: "Rate limit reached.", type: "rate_limit_error", code: nil, retryAfter: .seconds(2))
            let model = ScriptedModel([.toolCalls([diskCall("call_c1", "check_disk")]), .failure(failure)])
            let error = try await caughtError { _ = try await exercises.runAgentLoop(storyStart, model, Disk().tools(), 10) }
            try expect(thrown: error, equals: failure, "the error")
            try expect(model.calls, equals: 2, "model calls")
        },
        Check(
            id: "lab04.loop.empty-answer",
            title: "An answer with neither text nor tool calls is AgentError.emptyAnswer, not an empty answer",
            points: 1,
            hint: "A message with content nil and no tool_calls gives nothing to act on: throw AgentError.emptyAnswer."
        ) { exercises, _ in
            let model = ScriptedModel([.init(.success(ChatMessage(role: .assistant, content: nil)))])
            let error = try await caughtError { _ = try await exercises.runAgentLoop(storyStart, model, Disk().tools(), 10) }
            try expect(thrown: error, equals: AgentError.emptyAnswer, "the error")
        },
    ]

    /// The `index`-th request the model received (0 first).
    static func request(_ index: Int, of model: ScriptedModel) throws -> ChatCompletionRequest {
        let requests = model.requests
        guard requests.count > index else {
            throw CheckFailure("expected at least \(index + 1) requests to the model, got \(requests.count)")
        }
        return requests[index]
    }
}
