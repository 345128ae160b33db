import LabChecks
import LabKit
import Synchronization

/// Lab 04's checks: the agent loop, its budget, persistence of a task's conversation, and a
/// resume that never runs a tool call twice; in-process and over HTTP.
///
/// ```swift
/// let report = await CheckRunner().run(Lab04Checks.suite, on: Lab04Autonomy.exercises)
/// ```
public enum Lab04Checks {
    /// Every lab 04 check, in the order of the assignment.
    public static let suite = CheckSuite<Lab04Exercises>(
        chapter: "lab04-autonomy",
        checks: loop + budget + persistence + resume + http
    )
}

/// The user's request in the lab's story.
let diskRequest = "I'm out of disk space. Fix it."

/// The system prompt the fixture agent uses.
let fixturePrompt = "You are a careful SRE agent in a check."

/// The conversation a run of the story starts with.
let storyStart: [ChatMessage] = [.system(fixturePrompt), .user(diskRequest)]

let fullDisk = "Disk Usage: 95% (CRITICAL). Large folder: /var/log"
let cleaned = "Logs cleaned. Freed 20GB."
let healthyDisk = "Disk Usage: 40% (OK)"
let storyAnswer = "Done: /var/log was full; I cleaned the logs and the disk is at 40%."

/// A call of one of the disk tools; `ref` makes its arguments unique, so that a tool can tell
/// which call it runs for.
func diskCall(_ id: String, _ name: String) -> ToolCall {
    ToolCall(id: id, name: name, arguments: #"{"ref":"\#(id)"}"#)
}

/// The model's side of the story: check, clean, check again, report.
func storyScript(usage: Usage? = nil) -> [ScriptedModel.Reply] {
    [
        .toolCalls([diskCall("call_c1", "check_disk")], usage: usage),
        .toolCalls([diskCall("call_c2", "clean_logs")], usage: usage),
        .toolCalls([diskCall("call_c3", "check_disk")], usage: usage),
        .text(storyAnswer, usage: usage),
    ]
}

/// A model that calls check_disk for ever (up to `limit` calls, then fails the check).
func runawayModel(limit: Int, usage: Usage? = nil, latency: Duration = .zero, clock: (any Clock<Duration>)? = nil) -> ScriptedModel {
    ScriptedModel([], then: { n in .toolCalls([diskCall("call_r\(n)", "check_disk")], usage: usage, latency: latency) },
                  limit: limit, clock: clock)
}

/// The disk of the story: full until the logs are cleaned. Its tools record every run.
final class Disk: Sendable {
    private let isClean = Mutex(false)
    /// The tools that ran, in order: `check_disk`, `clean_logs`.
    let effects = Recorder<String>()
    /// The arguments of every run, in order.
    let arguments = Recorder<String>()

    init(clean: Bool = false) {
        isClean.withLock { $0 = clean }
    }

    /// check_disk and clean_logs; `before` runs first on every call (to look at the store, or to
    /// take time on a clock).
    func tools(before: @escaping @Sendable (_ arguments: String) async throws -> Void = { _ in }) -> ToolRegistry {
        ToolRegistry([
            Tool(ToolDefinition(name: "check_disk", description: "Reports disk usage.", parameters: ["type": "object", "properties": [:]])) { call in
                let raw = call.function.arguments
                try await before(raw)
                self.effects.append("check_disk")
                self.arguments.append(raw)
                return self.isClean.withLock { $0 } ? healthyDisk : fullDisk
            },
            Tool(ToolDefinition(name: "clean_logs", description: "Deletes old logs.", parameters: ["type": "object", "properties": [:]])) { call in
                let raw = call.function.arguments
                try await before(raw)
                self.effects.append("clean_logs")
                self.arguments.append(raw)
                self.isClean.withLock { $0 = true }
                return cleaned
            },
        ])
    }
}

/// A model that lets a check look at the world before each call is answered.
struct ObservedModel: ChatModel {
    let base: any ChatModel
    let observe: @Sendable (ChatCompletionRequest) async -> Void

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        await observe(request)
        return try await base.complete(request)
    }
}

/// Fails unless the run stopped by itself: a check's scripted model fails a run that goes on
/// past its limit, which this turns into a message that says the loop does not stop.
func expectStopped(_ model: ScriptedModel, within maxSteps: Int, error: (any Error)?, expected: AgentError) throws {
    if model.calls > maxSteps {
        throw CheckFailure("expected the run to stop with \(describe(expected)) after \(maxSteps) model calls, but the model "
            + "was called \(model.calls) times: the loop never stops by itself. Count the model calls and stop at the limit")
    }
    try expect(thrown: error, equals: expected, "the error")
    try expect(model.calls, equals: maxSteps, "model calls")
}
