/// One message of a conversation: a system prompt, a user turn, an assistant turn (text or tool
/// calls), or a tool's result.
///
/// `content` is `null` on the wire for an assistant message that only calls tools. A request's
/// content may also arrive as an array of parts (`[{"type": "text", "text": …}]`); the text parts
/// are joined.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// Who wrote the message.
    public var role: Role
    /// The text, or `nil` for an assistant message that only calls tools.
    public var content: String?
    /// An optional participant name.
    public var name: String?
    /// The tools an assistant message calls.
    public var toolCalls: [ToolCall]?
    /// The call a tool message answers.
    public var toolCallID: String?

    /// Creates a message; the static helpers (``user(_:)``, ``tool(_:callID:)``, …) read better.
    public init(
        role: Role,
        content: String?,
        name: String? = nil,
        toolCalls: [ToolCall]? = nil,
        toolCallID: String? = nil
    ) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// A system prompt.
    public static func system(_ content: String) -> ChatMessage { .init(role: .system, content: content) }
    /// A user turn.
    public static func user(_ content: String) -> ChatMessage { .init(role: .user, content: content) }
    /// An assistant turn in text.
    public static func assistant(_ content: String) -> ChatMessage { .init(role: .assistant, content: content) }
    /// An assistant turn that calls tools.
    public static func assistant(toolCalls: [ToolCall]) -> ChatMessage {
        .init(role: .assistant, content: nil, toolCalls: toolCalls)
    }
    /// A tool's result, answering the call `id`.
    public static func tool(_ content: String, callID id: String) -> ChatMessage {
        .init(role: .tool, content: content, toolCallID: id)
    }

    enum CodingKeys: String, CodingKey {
        case role, content, name
        case toolCalls = "tool_calls"
        case toolCallID = "tool_call_id"
    }

    private struct ContentPart: Decodable {
        var type: String
        var text: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        if let text = try? container.decodeIfPresent(String.self, forKey: .content) {
            content = text
        } else if let parts = try? container.decodeIfPresent([ContentPart].self, forKey: .content) {
            content = parts.compactMap { $0.type == "text" ? $0.text : nil }.joined(separator: "\n")
        } else if try !container.contains(.content) || container.decodeNil(forKey: .content) {
            content = nil
        } else {
            throw DecodingError.typeMismatch(
                String.self,
                .init(codingPath: container.codingPath + [CodingKeys.content], debugDescription: "content must be a string, null or an array of parts")
            )
        }
        name = try container.decodeIfPresent(String.self, forKey: .name)
        toolCalls = try container.decodeIfPresent([ToolCall].self, forKey: .toolCalls)
        toolCallID = try container.decodeIfPresent(String.self, forKey: .toolCallID)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        // OpenAI writes `"content": null` beside tool calls rather than leaving it out.
        try container.encode(content, forKey: .content)
        try container.encodeIfPresent(name, forKey: .name)
        if let toolCalls, !toolCalls.isEmpty {
            try container.encode(toolCalls, forKey: .toolCalls)
        }
        try container.encodeIfPresent(toolCallID, forKey: .toolCallID)
    }
}
