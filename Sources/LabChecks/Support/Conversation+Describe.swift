import LabKit

/// Renders a conversation for failure messages, one short entry per message:
/// `[user, assistant(tool_calls: call_1), tool(call_1), assistant]`.
public func describe(_ messages: [ChatMessage]) -> String {
    "[" + messages.map(describe).joined(separator: ", ") + "]"
}

/// Renders one message for failure messages: its role, and the call ids it carries or answers.
public func describe(_ message: ChatMessage) -> String {
    if let calls = message.toolCalls, !calls.isEmpty {
        return "\(message.role.rawValue)(tool_calls: \(calls.map(\.id).joined(separator: ", ")))"
    }
    if message.role == .tool {
        return "tool(\(message.toolCallID ?? "no tool_call_id"))"
    }
    return message.role.rawValue
}

/// Fails unless the conversation reads `expected`, one entry per message as `describe(_:)`
/// renders it, and says what is wrong when an assistant message is missing before the tool
/// results, or a tool message answers an id that no call has.
/// - Throws: ``CheckFailure`` naming the expected and the actual conversation.
public func expectRoles(_ messages: [ChatMessage], _ expected: [String], _ what: String = "messages") throws {
    let actual = messages.map(describe)
    guard actual != expected else { return }
    throw CheckFailure("expected the \(what) \(show(expected)), got \(show(actual))\(advice(messages, expected))")
}

/// Fails unless the conversation equals `expected`, saying where the two first differ, in the
/// short form of `describe(_:)` with each message's text.
/// - Throws: ``CheckFailure`` naming both conversations and the first message that differs.
public func expect(_ actual: [ChatMessage], equals expected: [ChatMessage], _ what: String) throws {
    guard actual != expected else { return }
    let index = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, expected.count)
    let wanted = index < expected.count ? detail(expected[index]) : "no message"
    let found = index < actual.count ? detail(actual[index]) : "no message"
    throw CheckFailure("expected \(what) \(describe(expected)), got \(describe(actual)); message \(index + 1) should be "
        + "\(wanted), got \(found)\(advice(actual, expected.map(describe)))")
}

/// One message in full for a failure message: its short form, its text and, for a call, the
/// tool and arguments.
func detail(_ message: ChatMessage) -> String {
    var text = describe(message)
    if let calls = message.toolCalls, !calls.isEmpty {
        text += " " + calls.map { "\($0.function.name)(\($0.function.arguments))" }.joined(separator: ", ")
    }
    if let content = message.content {
        text += " " + show(content.count > 80 ? String(content.prefix(80)) + "…" : content)
    }
    return text
}

/// What is wrong with a conversation's tool messages, if something obvious is, as a clause to
/// append to a failure message.
func advice(_ messages: [ChatMessage], _ expected: [String]) -> String {
    var advice = ""
    let answeredIDs = messages.compactMap(\.toolCallID)
    let calledIDs = messages.flatMap { $0.toolCalls ?? [] }.map(\.id)
    if !answeredIDs.isEmpty && calledIDs.isEmpty {
        advice = ": the assistant message with the tool_calls is missing; append the model's message before the tool results"
    } else if let stray = answeredIDs.first(where: { !calledIDs.contains($0) }) {
        advice = ": a tool message answers tool_call_id \(show(stray)), which no call has; use the id of the call it answers"
    } else {
        let expectedIDs = expected.filter { $0.hasPrefix("tool(") }.map { String($0.dropFirst(5).dropLast()) }
        if !expectedIDs.isEmpty, answeredIDs.count == expectedIDs.count, answeredIDs != expectedIDs {
            advice = ": the tool messages answer tool_call_ids \(show(answeredIDs)), but the calls were \(show(expectedIDs)); "
                + "each tool message must carry the id of the call it answers"
        }
    }
    return advice
}

/// The error a check's fixture tool throws, recognisable by its message.
public struct ToolFailure: Error, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
