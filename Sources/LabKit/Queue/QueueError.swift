/// Errors raised by a ``TaskQueue``.
public enum QueueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The caller's lease is no longer the task's current one: it expired, a later claim
    /// superseded it, or the task was cancelled or finished. The work must stop; nothing was
    /// changed.
    case leaseLost(taskID: String, reason: String)
    /// No task with this id is in the queue.
    case taskNotFound(id: String)
    /// Only a dead or cancelled task can be requeued.
    case notRequeueable(id: String, state: QueueTask.State)
    /// A request broke the queue's contract, such as a lease of zero seconds.
    case invalidRequest(String)
    /// The queue's storage failed; carries what it said.
    case storage(path: String, reason: String)

    public var description: String {
        switch self {
        case .leaseLost(let taskID, let reason):
            "the lease on task \(taskID) is lost (\(reason)): stop working on it"
        case .taskNotFound(let id):
            "no task \(id) in the queue"
        case .notRequeueable(let id, let state):
            "task \(id) is \(state.rawValue): only dead or cancelled tasks can be requeued"
        case .invalidRequest(let reason):
            "invalid queue request: \(reason)"
        case .storage(let path, let reason):
            "the queue at \(path) failed: \(reason)"
        }
    }
}
