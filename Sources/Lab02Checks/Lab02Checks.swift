import LabChecks
import LabKit

/// Lab 02's checks: a tool's schema, typed arguments, executing calls through a registry, a
/// retried flaky tool, and the whole exchange with a model, in-process and over HTTP.
///
/// ```swift
/// let report = await CheckRunner().run(Lab02Checks.suite, on: Lab02Tools.exercises)
/// ```
public enum Lab02Checks {
    /// Every lab 02 check, in the order of the assignment.
    public static let suite = CheckSuite<Lab02Exercises>(
        chapter: "lab02-tools",
        checks: schema + arguments + execution + retry + exchange + http
    )
}

/// What the fixture status tool answers, as the lab's story has it.
let onlineStatus = "ONLINE (Load: 0.5)"

/// The question of the lab's story.
let storyQuestion = "Is server 192.168.1.10 online?"

/// A `get_server_status` call as a model would send it.
func statusCall(_ id: String = "call_7Qx2", ip: String = "192.168.1.10") -> ToolCall {
    ToolCall(id: id, name: "get_server_status", arguments: #"{"ip":"\#(ip)"}"#)
}

/// The kit's own definition of `get_server_status`, used where a check is not about exercise 1.
let fixtureStatusDefinition = ToolDefinition(
    name: "get_server_status",
    description: "Returns whether the server at an IPv4 address is online, and its load.",
    parameters: [
        "type": "object",
        "properties": ["ip": ["type": "string", "description": "The server's IPv4 address, such as 192.168.1.10."]],
        "required": ["ip"],
    ]
)

/// A registry with a `get_server_status` that records the arguments of each call it ran for and answers
/// with `answer`.
func statusRegistry(
    _ definition: ToolDefinition = fixtureStatusDefinition,
    runs: Recorder<String> = Recorder(),
    answer: @escaping @Sendable (String) async throws -> String = { _ in onlineStatus }
) -> ToolRegistry {
    ToolRegistry([
        Tool(definition) { call in
            runs.append(call.function.arguments)
            return try await answer(call.function.arguments)
        },
    ])
}

/// A tool that fails `failures` times (attempt n says "timeout on attempt n"), then answers.
func flakyStatus(failures: Int, runs: Recorder<String>) -> ToolRegistry {
    statusRegistry(runs: runs) { _ in
        let attempt = runs.count
        if attempt <= failures { throw ToolFailure(reason: "timeout on attempt \(attempt)") }
        return onlineStatus
    }
}

/// A retry that makes exactly one attempt, for checks that are not about retrying.
let singleAttempt: ToolRetry = { operation in try await operation() }

/// Fails unless `message` is a tool message answering `callID` whose content reports an error
/// that contains `text`.
func expectErrorMessage(_ message: ChatMessage, answering callID: String, containing text: String) throws {
    try expect(message.role, equals: .tool, "the role of the answer")
    try expect(message.toolCallID, equals: callID, "tool_call_id")
    let content = message.content ?? ""
    try expect(content.lowercased().hasPrefix("error:"),
               "expected the content to start with \"error:\" so the model sees the call failed, got \(show(message.content))")
    try expect(content.contains(text),
               "expected the error text to contain \(show(text)), got \(show(message.content))")
}
