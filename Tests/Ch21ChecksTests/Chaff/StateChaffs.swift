import Ch21Checks
import Ch21ProductionSolution
import LabKit

// Buggy state patches: the solution, with one kind of patch handled wrongly.

extension Chaff {
    static let state: [Chaff] = [
        patching("facts: a known key is kept twice", caughtBy: ["ch21.patch.fact-replaced"]) { state, patch in
            guard case .appendFacts(let facts) = patch else { return false }
            state.knownFacts += facts
            return true
        },
        patching("facts: a known key is replaced in place, not moved to the newest end", caughtBy: ["ch21.patch.fact-replaced"]) { state, patch in
            guard case .appendFacts(let facts) = patch else { return false }
            for fact in facts {
                if let index = state.knownFacts.firstIndex(where: { $0.key == fact.key }) {
                    state.knownFacts[index] = fact
                } else {
                    state.knownFacts.append(fact)
                }
            }
            return true
        },
        patching("facts: new facts are put first", caughtBy: ["ch21.patch.facts-appended", "ch21.patch.fact-replaced"]) { state, patch in
            guard case .appendFacts(let facts) = patch else { return false }
            state.knownFacts = facts + state.knownFacts.filter { old in !facts.contains { $0.key == old.key } }
            return true
        },
        patching("plan: new steps are appended to the old plan", caughtBy: ["ch21.patch.plan-replaced"]) { state, patch in
            guard case .replacePlan(let steps) = patch else { return false }
            state.plan += steps
            return true
        },
        patching("questions: a question is asked twice", caughtBy: ["ch21.patch.questions-once"]) { state, patch in
            guard case .addOpenQuestions(let questions) = patch else { return false }
            state.openQuestions += questions
            return true
        },
        patching("questions: answering does nothing", caughtBy: ["ch21.patch.questions-once"]) { _, patch in
            guard case .answerQuestion = patch else { return false }
            return true
        },
        patching("artifacts: dropped", caughtBy: ["ch21.patch.artifacts-added"]) { _, patch in
            guard case .addArtifacts = patch else { return false }
            return true
        },
        patching("budget: reaching the limit exactly is refused", caughtBy: ["ch21.patch.budget-spent"]) { state, patch in
            guard case .spend(let steps, let tokens) = patch else { return false }
            let budget = state.budget
            if budget.stepsUsed + steps >= budget.maxSteps {
                throw AgentStateError.budgetExceeded(resource: "steps", limit: budget.maxSteps, used: budget.stepsUsed + steps)
            }
            if budget.tokensUsed + tokens >= budget.maxTokens {
                throw AgentStateError.budgetExceeded(resource: "tokens", limit: budget.maxTokens, used: budget.tokensUsed + tokens)
            }
            state.budget.stepsUsed += steps
            state.budget.tokensUsed += tokens
            return true
        },
        patching("budget: spend sets the amounts instead of adding", caughtBy: ["ch21.patch.budget-spent"]) { state, patch in
            guard case .spend(let steps, let tokens) = patch else { return false }
            state.budget.stepsUsed = steps
            state.budget.tokensUsed = tokens
            return true
        },
        patching("budget: tokens are checked before steps", caughtBy: ["ch21.patch.budget-exceeded"]) { state, patch in
            guard case .spend(let steps, let tokens) = patch, steps >= 0, tokens >= 0 else { return false }
            if state.budget.tokensUsed + tokens > state.budget.maxTokens {
                throw AgentStateError.budgetExceeded(resource: "tokens", limit: state.budget.maxTokens, used: state.budget.tokensUsed + tokens)
            }
            return false
        },
        patching("budget: the error's used is what this patch spent", caughtBy: ["ch21.patch.budget-exceeded"]) { state, patch in
            guard case .spend(let steps, let tokens) = patch, steps >= 0, tokens >= 0 else { return false }
            if state.budget.stepsUsed + steps > state.budget.maxSteps {
                throw AgentStateError.budgetExceeded(resource: "steps", limit: state.budget.maxSteps, used: steps)
            }
            if state.budget.tokensUsed + tokens > state.budget.maxTokens {
                throw AgentStateError.budgetExceeded(resource: "tokens", limit: state.budget.maxTokens, used: tokens)
            }
            return false
        },
        patching("budget: a negative amount is spent (the budget shrinks)", caughtBy: ["ch21.patch.negative-spend"]) { state, patch in
            guard case .spend(let steps, let tokens) = patch, steps < 0 || tokens < 0 else { return false }
            state.budget.stepsUsed += steps
            state.budget.tokensUsed += tokens
            return true
        },
    ]

    /// The solution's `applyPatches`, except that `override` handles the patches it returns
    /// true for.
    static func patching(
        _ name: String, caughtBy: [String],
        override: @escaping @Sendable (inout AgentState, StatePatch) throws -> Bool
    ) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { exercises in
                exercises.applyPatches = { patches, state in
                    var state = state
                    for patch in patches where try !override(&state, patch) {
                        state = try applyPatches([patch], to: state)
                    }
                    return state
                }
            },
            caughtBy: caughtBy
        )
    }
}
