/// Why an agent run stopped without an answer: a limit of its budget, or a model that answered
/// with nothing to act on.
///
/// Each limit names itself, so that a user sees which one ended the run.
public enum AgentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model was called `maxSteps` times and still asked for tools.
    case stepLimitReached(maxSteps: Int)
    /// The run took at least `limit` on its clock.
    case wallTimeExceeded(limit: Duration)
    /// The responses' `usage` added up to more than `limit` tokens.
    case tokenBudgetExceeded(used: Int, limit: Int)
    /// The model's answer had no message, or a message with neither text nor tool calls.
    case emptyAnswer

    public var description: String {
        switch self {
        case .stepLimitReached(let maxSteps):
            "step limit reached: the model was called \(maxSteps) time\(maxSteps == 1 ? "" : "s") and still asked for tools"
        case .wallTimeExceeded(let limit):
            "wall-time limit exceeded: the run took \(limit.compact) or more"
        case .tokenBudgetExceeded(let used, let limit):
            "token budget exceeded: \(used) tokens used, the limit is \(limit)"
        case .emptyAnswer:
            "the model answered with neither text nor tool calls"
        }
    }
}
