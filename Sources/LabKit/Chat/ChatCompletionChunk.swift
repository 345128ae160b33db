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
            /// The tool's name, in a call's first fragment only.
            public var name: String?
            /// More argument text, to append to what came before.
            public var arguments: String?

            /// Creates a function fragment.
            public init(name: String? = nil, arguments: String? = nil) {
                self.name = name
                self.arguments = arguments
            }
        }

        /// Which call of the answer this fragment belongs to.
        public var index: Int
        /// The call's id, in its first fragment only.
        public var id: String?
        /// `"function"`, in a call's first fragment only.
        public var type: String?
        /// The name and argument text this fragment adds.
        public var function: Function?

        /// Creates a tool-call fragment.
        public init(index: Int, id: String? = nil, type: String? = nil, function: Function? = nil) {
            self.index = index
            self.id = id
            self.type = type
            self.function = function
        }
    }

    /// What a chunk adds to the message.
    public struct Delta: Sendable, Hashable, Codable {
        /// The author's role, in the first chunk only.
        public var role: Role?
        /// More answer text, to append to what came before.
        public var content: String?
        /// Tool-call fragments.
        public var toolCalls: [ToolCallDelta]?

        /// Creates a delta.
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
        /// Which choice this part belongs to.
        public var index: Int
        /// What the chunk adds to the message.
        public var delta: Delta
        /// Why the model stopped, on the choice's last chunk only.
        public var finishReason: FinishReason?

        /// Creates a choice's part of a chunk.
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

    /// The answer's id, the same in every chunk.
    public var id: String
    /// Always `"chat.completion.chunk"`.
    public var object: String
    /// Seconds since 1970, the same in every chunk.
    public var created: Int
    /// The model that answered.
    public var model: String
    /// The choices' parts; empty in the usage chunk.
    public var choices: [Choice]
    /// Token counts, in the last chunk when `stream_options.include_usage` asked for them.
    public var usage: Usage?

    /// Creates a chunk.
    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage? = nil) {
        self.id = id
        self.object = "chat.completion.chunk"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}
