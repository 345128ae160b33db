import LabKit

/// What the server does with one request, decided from the scenario alone (no I/O).
struct Decision: Sendable {
    enum Action: Sendable {
        /// Answer with text or tool calls.
        case answer(ModelOutput)
        /// Fail as the fault says.
        case fault(Fault)
        /// Strict mode and no rule matched: a 400 whose message explains the nearest miss.
        case noMatch(String)
    }

    let action: Action
    /// The rule that matched, `"(fallback)"`, or `nil` when none did in strict mode.
    let rule: String?
    /// How long to wait before acting.
    let delay: Duration?
    /// For a fault: whether the same request, sent again, would be answered (the rule's next
    /// step, the next chaos draw); `nil` when not a fault.
    var nextAttemptAnswers: Bool? = nil
}
