/// One change to an ``AgentState``, as a step of the agent produces it.
public enum StatePatch: Sendable, Equatable, Codable {
    /// Learn facts; a fact with a key already known replaces the old one.
    case appendFacts([Fact])
    /// The plan becomes these steps.
    case replacePlan([String])
    /// Ask questions; a question already open is not asked twice.
    case addOpenQuestions([String])
    /// A question is answered and no longer open.
    case answerQuestion(String)
    /// Keep artifacts.
    case addArtifacts([Artifact])
    /// Count steps and tokens against the budget.
    case spend(steps: Int, tokens: Int)
}

/// Errors raised while applying ``StatePatch`` values.
public enum AgentStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The patch would take a budget past its limit; `used` is what it would have reached.
    case budgetExceeded(resource: String, limit: Int, used: Int)
    /// A patch that makes no sense, such as spending a negative number of tokens.
    case invalidPatch(String)

    public var description: String {
        switch self {
        case .budgetExceeded(let resource, let limit, let used):
            "budget exceeded: \(used) \(resource) of at most \(limit)"
        case .invalidPatch(let reason):
            "invalid patch: \(reason)"
        }
    }
}
