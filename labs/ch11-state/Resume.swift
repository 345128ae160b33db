import Foundation
import LabKit

// Exercise 3 of chapter 11: resume after a failure or a crash.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Continues a task after a failure or a crash.
///
/// The contract the checks hold you to (`ch11.resume.*`):
/// - Unknown id: throw `LabError.taskNotFound(id: taskID)`; run nothing, save nothing.
/// - `completed`: return the stored result; save nothing, run nothing.
/// - `failed`: save it back as `pending` (`updatedAt: now()`, `attempts` unchanged; keeping or
///   clearing its old `error` is up to you), then run it as `executeTaskIfNotDone` does.
/// - `running`: a crash interrupted it, nothing finished it: run it again as
///   `executeTaskIfNotDone` does, with no `pending` save first.
/// - `pending`: run it as `executeTaskIfNotDone` does.
/// - "Run it" includes failing: when the work throws, the task is saved `failed` and the same
///   error comes through.
///
/// Why `failed` goes back through `pending`: a reader of the store sees the decision to try
/// again as a step of its own (`failed` is "given up", `pending` "queued", `running`
/// "started"). Reuse your `executeTaskIfNotDone(taskID:store:now:work:)`.
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
