import LabKit

// Exercise 4 of chapter 21: the relevant part of the state, for the model's context.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// Chooses what of `state` the model sees for `currentStep`, within `maxBytes` (`ch21.context.*`):
/// - The slice always has the goal, `currentStep` and every open question; they do not count
///   against `maxBytes`.
/// - First the artifacts whose `step` is `currentStep`, in stored order: take one when the bytes
///   used so far plus its `bytes` are at most `maxBytes`; otherwise skip it and go on.
/// - Then the facts, newest first (from the end of `knownFacts`): a fact's size is its value's
///   UTF-8 byte count. Take each that fits; stop at the first that does not.
/// - `maxBytes` below 0 throws `LabError.invalidArgument`.
public func selectContext(from state: AgentState, currentStep: String, maxBytes: Int) throws -> ContextSlice {
    throw LabError.notImplemented("selectContext(from:currentStep:maxBytes:)")
}
