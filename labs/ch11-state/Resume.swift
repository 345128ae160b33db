import Foundation
import LabKit

// Exercise 3 of chapter 11: resume after a failure or a crash.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Continues a task after a failure or a crash.
///
/// The contract the checks hold you to (`ch11.resume.*`):
/// - Unknown id: throw `LabError.taskNotFound(id:)`.
/// - `completed`: return the stored result; save nothing, run nothing.
/// - `failed`: save it back as `pending`, then run it as `executeTaskIfNotDone` does.
/// - `running`: a crash interrupted it, nothing finished it: run it again.
/// - `pending`: run it.
///
/// Reuse your `executeTaskIfNotDone(taskID:store:now:work:)`.
///
/// - Returns: The task's result.
public func resumeTask(
    taskID: String,
    store: some StateStore,
    now: Now,
    work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    throw LabError.notImplemented("resumeTask(taskID:store:now:work:)")
}
