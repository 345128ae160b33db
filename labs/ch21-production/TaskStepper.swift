import LabKit

// Exercise 1 of chapter 21: the transactional step.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// Runs steps on stored tasks as transactions.
///
/// The contract the checks hold you to (`ch21.step.*`):
/// - `step` loads the task from `store`; when there is none, throw
///   `LabError.taskNotFound(id:)` without calling `body`.
/// - It calls `body` with the loaded task (`inout`). When `body` returns, save the changed task
///   once and return it. When `body` throws, rethrow that error and save nothing: the stored
///   task stays exactly as it was.
/// - Two steps on the same task id never interleave: the second loads the task only after the
///   first has saved (or failed), so it sees the first one's change. Careful: an actor gives up
///   its isolation at every `await`, so it is not enough on its own.
/// - A step on another task id does not wait for a step that is still running.
/// - After a step throws, the next step on the same task runs.
public actor TaskStepper {
    private let store: any StateStore

    public init(store: any StateStore) {
        self.store = store
    }

    /// Loads the task, runs `body` on it, and saves it only if `body` returns.
    /// - Returns: The task as saved.
    public func step(taskID: String, _ body: @Sendable (inout AgentTask) async throws -> Void) async throws -> AgentTask {
        throw LabError.notImplemented("TaskStepper.step(taskID:_:)")
    }
}
