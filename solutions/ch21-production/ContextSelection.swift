import LabKit

/// Chooses what of `state` goes into the model's context for `currentStep`, within `maxBytes`:
/// the current step's artifacts first, then the newest facts.
public func selectContext(from state: AgentState, currentStep: String, maxBytes: Int) throws -> ContextSlice {
    guard maxBytes >= 0 else { throw LabError.invalidArgument("maxBytes must not be negative, got \(maxBytes)") }
    var slice = ContextSlice(goal: state.goal, currentStep: currentStep, openQuestions: state.openQuestions)
    var used = 0
    for artifact in state.artifacts where artifact.step == currentStep && used + artifact.bytes <= maxBytes {
        slice.artifacts.append(artifact)
        used += artifact.bytes
    }
    for fact in state.knownFacts.reversed() {
        let size = fact.value.utf8.count
        guard used + size <= maxBytes else { break }
        slice.facts.append(fact)
        used += size
    }
    return slice
}
