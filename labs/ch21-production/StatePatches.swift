import LabKit

// Exercise 3 of chapter 21: the agent state, changed only by patches.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// Applies `patches` to `state`, in order, and returns the new state (`ch21.patch.*`):
/// - `.appendFacts(facts)`: append each fact at the end of `knownFacts`, in order. A fact whose
///   key is already known replaces it: remove the old fact, append the new one (the newest is last).
/// - `.replacePlan(steps)`: `plan` becomes `steps`.
/// - `.addOpenQuestions(questions)`: append each question not already open (also within the
///   same patch), in order.
/// - `.answerQuestion(question)`: remove it from `openQuestions`; nothing when it is not open.
/// - `.addArtifacts(artifacts)`: append them to `artifacts`, in order.
/// - `.spend(steps:tokens:)`: add to `budget.stepsUsed` and `budget.tokensUsed`. A negative amount
///   throws `AgentStateError.invalidPatch`. Going past `maxSteps` (checked first) or `maxTokens`
///   throws `AgentStateError.budgetExceeded(resource: "steps" or "tokens", limit:, used:)`, with
///   `used` the total it would have reached; reaching the limit exactly is allowed.
public func applyPatches(_ patches: [StatePatch], to state: AgentState) throws -> AgentState {
    throw LabError.notImplemented("applyPatches(_:to:)")
}
