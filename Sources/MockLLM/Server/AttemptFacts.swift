/// What the journal keeps about an attempt beyond its status, for the resilience verdict: the
/// conversation it belongs to, the waits, and what a retry would have got.
struct AttemptFacts: Sendable {
    var conversation: UInt64?
    var delayMs: Int?
    var retryAfterMs: Int?
    var nextAttemptAnswers: Bool?
    var cutContent: String?

    init(conversation: UInt64? = nil) {
        self.conversation = conversation
    }

    /// The facts of an attempt that went through the scenario.
    init(turn: Turn, plan: ResponsePlan) {
        conversation = turn.conversation
        delayMs = turn.decision.delay.map { Int($0 / .milliseconds(1)) }
        nextAttemptAnswers = turn.decision.nextAttemptAnswers
        if case .fault(let fault) = turn.decision.action {
            if fault.kind == .error { retryAfterMs = fault.retryDelay.map { Int($0 / .milliseconds(1)) } }
            cutContent = plan.cutContent
        }
    }
}
