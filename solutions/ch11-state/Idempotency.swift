import Foundation
import LabKit

/// Runs the task's work once: a task that is already completed returns its stored result and
/// the work is not called again.
///
/// The task is saved `running` (with one more attempt) before the work starts, then `completed`
/// with the result, or `failed` with the error's message.
///
/// - Parameters:
///   - taskID: The task to run; it must already be in `store`.
///   - store: Where the task's state is read and written.
///   - now: Stamps `updatedAt` on every save.
///   - work: The task's side effect; returns the result to store.
/// - Returns: The work's result, or the stored result of a completed task.
/// - Throws: `LabError.taskNotFound` for an unknown id; the work's own error, unchanged, after
///   saving the task as failed; any error of the store.
public func executeTaskIfNotDone(
    taskID: String,
    store: some StateStore,
    now: Now,
    work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else {
        throw LabError.taskNotFound(id: taskID)
    }
    if task.state == .completed {
        return task.result ?? ""
    }

    task.state = .running
    task.attempts += 1
    task.error = nil
    task.updatedAt = now()
    try await store.save(task)

    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = String(describing: error)
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}
