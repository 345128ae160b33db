/// Token counts for one completion.
public struct Usage: Sendable, Hashable, Codable {
    /// Tokens in the request.
    public var promptTokens: Int
    /// Tokens in the answer.
    public var completionTokens: Int
    /// Their sum.
    public var totalTokens: Int

    /// Creates counts; the total is their sum.
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = promptTokens + completionTokens
    }

    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case totalTokens = "total_tokens"
    }
}
