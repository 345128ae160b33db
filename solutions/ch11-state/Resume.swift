import Foundation
import LabKit

/// Continues a task after a failure or a crash.
///
/// A completed task is left alone and returns its result. A failed task goes back to `pending`
/// and runs again. A task still `running` was interrupted (nothing finished it), so it runs
/// again too; a `pending` one simply runs.
///
/// - Parameters: as ``executeTaskIfNotDone(taskID:store:now:work:)``.
/// - Returns: The task's result.
/// - Throws: as ``executeTaskIfNotDone(taskID:store:now:work:)``.
public func resumeTask(
    taskID: String,
    store: some StateStore,
    now: Now,
    work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else {
        throw LabError.taskNotFound(id: taskID)
    }
    switch task.state {
    case .completed:
        return task.result ?? ""
    case .failed:
        task.state = .pending
        task.updatedAt = now()
        try await store.save(task)
    case .pending, .running:
        break
    }
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}
