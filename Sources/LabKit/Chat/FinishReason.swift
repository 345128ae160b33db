/// Why the model stopped writing.
public enum FinishReason: String, Sendable, Hashable, Codable {
    /// A natural end of the answer.
    case stop
    /// The answer is a set of tool calls.
    case toolCalls = "tool_calls"
    /// The token limit cut the answer short.
    case length
    /// A content filter removed the answer.
    case contentFilter = "content_filter"
}
