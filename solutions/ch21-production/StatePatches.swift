import LabKit

/// Applies `patches` to `state` in order and returns the new state.
public func applyPatches(_ patches: [StatePatch], to state: AgentState) throws -> AgentState {
    var state = state
    for patch in patches {
        switch patch {
        case .appendFacts(let facts):
            for fact in facts {
                state.knownFacts.removeAll { $0.key == fact.key }
                state.knownFacts.append(fact)
            }
        case .replacePlan(let steps):
            state.plan = steps
        case .addOpenQuestions(let questions):
            for question in questions where !state.openQuestions.contains(question) {
                state.openQuestions.append(question)
            }
        case .answerQuestion(let question):
            state.openQuestions.removeAll { $0 == question }
        case .addArtifacts(let artifacts):
            state.artifacts += artifacts
        case .spend(let steps, let tokens):
            guard steps >= 0, tokens >= 0 else {
                throw AgentStateError.invalidPatch("cannot spend \(steps) steps and \(tokens) tokens")
            }
            let budget = state.budget
            if budget.stepsUsed + steps > budget.maxSteps {
                throw AgentStateError.budgetExceeded(resource: "steps", limit: budget.maxSteps, used: budget.stepsUsed + steps)
            }
            if budget.tokensUsed + tokens > budget.maxTokens {
                throw AgentStateError.budgetExceeded(resource: "tokens", limit: budget.maxTokens, used: budget.tokensUsed + tokens)
            }
            state.budget.stepsUsed += steps
            state.budget.tokensUsed += tokens
        }
    }
    return state
}
