/// The answer of a non-streamed chat completion.
///
/// On the wire: `{"id", "object": "chat.completion", "created", "model", "choices": [{"index",
/// "message", "finish_reason"}], "usage"}`.
public struct ChatCompletionResponse: Sendable, Hashable, Codable {
    /// One candidate answer.
    public struct Choice: Sendable, Hashable, Codable {
        /// The choice's position (0 unless `n` asked for more).
        public var index: Int
        /// The assistant's message.
        public var message: ChatMessage
        /// Absent only in malformed answers; a well-formed one always says why it stopped.
        public var finishReason: FinishReason?

        /// Creates a choice.
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

    /// The answer's id (`chatcmpl-…`).
    public var id: String
    /// Always `"chat.completion"`.
    public var object: String
    /// Seconds since 1970.
    public var created: Int
    /// The model that answered.
    public var model: String
    /// The candidate answers; usually one.
    public var choices: [Choice]
    /// Token counts.
    public var usage: Usage?

    /// Creates a completion.
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
