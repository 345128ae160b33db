/// How one check ended under the grader.
public enum GradeStatus: String, Codable, Sendable, CaseIterable {
    /// The implementation met the check's contract.
    case pass
    /// The implementation broke the contract (or is not written yet).
    case fail
    /// The check never reported a result, or the code threw what the check did not expect.
    case error
    /// The check ran past its real-time limit and its process was killed.
    case timeout
    /// The check's process died of a signal (a trap, a stack overflow, memory exhausted).
    case crash
    /// The chapter did not compile, so none of its checks ran.
    case compileError = "compile_error"
    /// The chapter's sources are byte-identical to the starter: nothing to grade.
    case notAttempted = "not_attempted"

    /// The mark a terminal shows beside the check.
    public var mark: String {
        switch self {
        case .pass: "✓"
        case .fail, .compileError: "✗"
        case .error, .crash: "!"
        case .timeout: "⧗"
        case .notAttempted: "·"
        }
    }
}
