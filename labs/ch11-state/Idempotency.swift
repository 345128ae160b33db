import Foundation
import LabKit

// Exercise 2 of chapter 11: run a task at most once.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Runs the task's work once: a task that is already completed returns its stored result and
/// the work is not called again.
///
/// The contract the checks hold you to (`ch11.idempotency.*`):
/// - Load the task from `store`; when there is none, throw `LabError.taskNotFound(id: taskID)`,
///   without calling `work` or saving anything.
/// - State `completed`: return the stored `result`. Do not call `work`, do not save.
/// - Any other state (`pending`, `running`, `failed`): save the task as `running`, with
///   `attempts` one higher than stored, `error` cleared to `nil` and `updatedAt: now()`,
///   *before* calling `work`.
/// - When `work` returns, save `completed` with `result` set to it, and return it.
/// - When `work` throws, save `failed` with `error: "\(error)"`, then rethrow the same error.
/// - A run saves exactly twice (`running`, then `completed` or `failed`). Every save gets a
///   fresh `now()` for `updatedAt`; `id`, `input` and `createdAt` never change; `attempts`
///   goes up once per run (on the `running` save) and no more.
/// - Two calls running one task at the same moment are not prevented here (chapter 21's leases
///   do that); no check tries it.
///
/// - Parameters:
///   - taskID: The task to run; it must already be in `store`.
///   - store: Where the task's state is read and written.
///   - now: Stamps `updatedAt` on every save.
///   - work: The task's side effect; returns the result to store.
/// - Returns: The work's result, or the stored result of a completed task.
public func executeTaskIfNotDone(
    taskID: String,
    store: some StateStore,
    now: Now,
    work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    throw LabError.notImplemented("executeTaskIfNotDone(taskID:store:now:work:)")
}
