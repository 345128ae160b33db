/// The answer of a non-streamed chat completion.
///
/// On the wire: `{"id", "object": "chat.completion", "created", "model", "choices": [{"index",
/// "message", "finish_reason"}], "usage"}`.
public struct ChatCompletionResponse: Sendable, Hashable, Codable {
    /// One candidate answer.
    public struct Choice: Sendable, Hashable, Codable {
        public var index: Int
        public var message: ChatMessage
        /// Absent only in malformed answers; a well-formed one always says why it stopped.
        public var finishReason: FinishReason?

        public init(index: Int, message: ChatMessage, finishReason: FinishReason?) {
            self.index = index
            self.message = message
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    public var id: String
    /// Always `"chat.completion"`.
    public var object: String
    /// Seconds since 1970.
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: Usage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: Usage?) {
        self.id = id
        self.object = "chat.completion"
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }

    /// The first choice's message: what an agent loop reads.
    public var message: ChatMessage? { choices.first?.message }
}
