import LabKit

/// A fingerprint of a conversation's messages (roles, text, tool calls with their ids and
/// arguments, the calls answered), 16 hex digits: what a recorded rule is keyed on, so that
/// replay answers exactly the conversations that were recorded. The model name, the tools offered
/// and the options are left out.
enum ConversationDigest {
    static func of(_ messages: [ChatMessage]) -> String {
        var hash = StableHash()
        for message in messages {
            hash.combine(message.role.rawValue)
            hash.combine([0])
            hash.combine(message.content ?? "")
            hash.combine([0])
            for call in message.toolCalls ?? [] {
                hash.combine(call.id)
                hash.combine([0])
                hash.combine(call.function.name)
                hash.combine([0])
                hash.combine(call.function.arguments)
                hash.combine([0])
            }
            hash.combine(message.toolCallID ?? "")
            hash.combine([1])
        }
        let digits = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
