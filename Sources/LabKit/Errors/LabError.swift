/// Errors raised by the exercises and the helpers they build on.
///
/// A stub throws ``notImplemented(_:)``; the reference solutions throw the other cases where the
/// chapter's contract asks for them, so that checks can tell a clear failure from a crash.
public enum LabError: Error, CustomStringConvertible {
    /// The exercise has not been written yet. The associated value names the function.
    case notImplemented(String)
    /// An argument broke the function's contract, for example `maxAttempts: 0`.
    case invalidArgument(String)
    /// Every attempt failed; carries how many attempts were made and the last error.
    case retriesExhausted(attempts: Int, lastError: any Error)
    /// No task with this identifier is in the store.
    case taskNotFound(id: String)
    /// The run took longer than its deadline and was cancelled.
    case deadlineExceeded(Duration)

    public var description: String {
        switch self {
        case .notImplemented(let function):
            "\(function) is not implemented yet"
        case .invalidArgument(let reason):
            "invalid argument: \(reason)"
        case .retriesExhausted(let attempts, let lastError):
            "failed after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastError)"
        case .taskNotFound(let id):
            "task not found: \(id)"
        case .deadlineExceeded(let deadline):
            "deadline exceeded (\(deadline.compact))"
        }
    }
}
