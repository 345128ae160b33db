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
