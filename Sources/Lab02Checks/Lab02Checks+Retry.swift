import LabChecks
import LabKit

extension Lab02Checks {
    static let retryHint = "Exercise 4 (Retry.swift): run the tool inside retry { … } so that its error reaches the "
        + "retry; turn only the final outcome into a tool message."

    static let retry: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.retry.flaky-tool-recovers",
            title: "A tool that fails twice is retried (waits 1s, 2s on the clock) and its output answers the call",
            points: 3,
            hint: retryHint
        ) { exercises, context in
            let clock = context.clock()
            let runs = Recorder<String>()
            let retry = ScheduleRetry(delays: [.seconds(1), .seconds(2), .seconds(4)], clock: clock).asToolRetry
            let message = try await exercises.executeToolCallRetrying(statusCall("call_F6"), flakyStatus(failures: 2, runs: runs), retry)
            try expect(runs.count, equals: 3, "tool runs")
            try expect(clock.sleeps, equals: [.seconds(1), .seconds(2)], "waits on the clock")
            try expect(message.toolCallID, equals: "call_F6", "tool_call_id")
            try expect(message.content, equals: onlineStatus, "the content")
        },
        Check(
            id: "lab02.retry.gives-up-as-message",
            title: "A tool that keeps failing ends, after the retry gives up, in an error tool message with the last error",
            points: 2,
            hint: "When retry { … } throws, answer with .tool(\"error: \\(error)\", callID: call.id); do not throw."
        ) { exercises, context in
            let clock = context.clock()
            let runs = Recorder<String>()
            let retry = ScheduleRetry(delays: [.seconds(1), .seconds(2)], clock: clock).asToolRetry
            let message = try await exercises.executeToolCallRetrying(statusCall("call_G7"), flakyStatus(failures: .max, runs: runs), retry)
            try expect(runs.count, equals: 3, "tool runs")
            try expectErrorMessage(message, answering: "call_G7", containing: "timeout on attempt 3")
        },
        Check(
            id: "lab02.retry.unknown-tool-not-retried",
            title: "An unknown tool is answered at once, without the retry: no attempt could find it",
            points: 1,
            hint: "Look the tool up first; only a tool that exists goes through retry { … }."
        ) { exercises, _ in
            let retries = Recorder<Int>()
            let retry: ToolRetry = { operation in
                retries.append(1)
                return try await operation()
            }
            let call = ToolCall(id: "call_H8", name: "get_server_load", arguments: "{}")
            let message = try await exercises.executeToolCallRetrying(call, statusRegistry(), retry)
            try expect(retries.count, equals: 0, "calls of the retry")
            try expectErrorMessage(message, answering: "call_H8", containing: "get_server_load")
        },
        Check(
            id: "lab02.retry.one-run-when-it-works",
            title: "A tool that works runs once, through the retry",
            points: 1,
            hint: "Run the tool only inside retry { … }, not once before it as well."
        ) { exercises, context in
            let clock = context.clock()
            let runs = Recorder<String>()
            let retry = ScheduleRetry(delays: [.seconds(1)], clock: clock).asToolRetry
            let message = try await exercises.executeToolCallRetrying(statusCall("call_I9"), statusRegistry(runs: runs), retry)
            try expect(runs.count, equals: 1, "tool runs")
            try expect(clock.sleeps, equals: [], "waits on the clock")
            try expect(message.content, equals: onlineStatus, "the content")
        },
    ]
}
