/// One server-sent event of a streamed chat completion: `data: {chunk}`.
///
/// Every chunk of one answer carries the same ``id``. The first delta carries the role; a tool
/// call's first fragment carries its index, id, type and name, later fragments only the index
/// and more argument text; the last choice chunk carries ``FinishReason``; with
/// `stream_options.include_usage` a final chunk with no choices carries ``Usage``.
public struct ChatCompletionChunk: Sendable, Hashable, Codable {
    /// A fragment of a tool call.
    public struct ToolCallDelta: Sendable, Hashable, Codable {
        /// The function part of a fragment.
        public struct Function: Sendable, Hashable, Codable {
            public var name: String?
            public var arguments: String?

            public init(name: String? = nil, arguments: String? = nil) {
                self.name = name
                self.arguments = arguments
            }
        }

        /// Which call of the answer this fragment belongs to.
        public var index: Int
        public var id: String?
        public var type: String?
        public var function: Function?

        public init(index: Int, id: String? = nil, type: String? = nil, function: Function? = nil) {
            self.index = index
            self.id = id
            self.type = type
            self.function = function
        }
    }

    /// What a chunk adds to the message.
    public struct Delta: Sendable, Hashable, Codable {
        public var role: Role?
        public var content: String?
        public var toolCalls: [ToolCallDelta]?

        public init(role: Role? = nil, content: String? = nil, toolCalls: [ToolCallDelta]? = nil) {
            self.role = role
            self.content = content
            self.toolCalls = toolCalls
        }

        enum CodingKeys: String, CodingKey {
            case role, content
            case toolCalls = "tool_calls"
        }
    }

    /// One choice's part of a chunk.
    public struct Choice: Sendable, Hashable, Codable {
        public var index: Int
        public var delta: Delta
        public var finishReason: FinishReason?

        public init(index: Int, delta: Delta, finishReason: FinishReason? = nil) {
            self.index = index
            self.delta = delta
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(delta, forKey: .delta)
            // OpenAI writes `"finish_reason": null` on every chunk but the last.
            try container.encode(finishReason, forKey: .finishReason)
        }
    }

    public var id: String
    /// Always `"chat.completion.chunk"`.
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage? = nil) {
        self.id = id
        self.object = "chat.completion.chunk"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}
