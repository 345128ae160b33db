import Foundation
import LabKit

// Exercise 4 of chapter 11: a deadline for a run.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Runs the task like `executeTaskIfNotDone`, but gives the work at most `deadline` on `clock`.
///
/// The contract the checks hold you to (`ch11.deadline.*`):
/// - Everything `executeTaskIfNotDone` does still holds: an unknown id, a completed task, the
///   `running` save before the work, the stamps on every save.
/// - Until `deadline` has passed on `clock`, the work runs: do not cut it short.
/// - When `deadline` passes on `clock` before the work finishes: cancel the work, throw
///   `LabError.deadlineExceeded(deadline)` with the `deadline` you were given, and the task
///   ends up saved as `failed` with an error that contains "deadline exceeded".
/// - When the work finishes first: cancel the deadline timer and return the work's result; the
///   task is `completed`.
/// - When the work throws before the deadline: its error comes through unchanged (it is not a
///   deadline), the task is saved `failed` with it, and the timer is cancelled.
/// - When this returns or throws, nothing it started still sleeps on `clock`.
///
/// A task group with two children (the work, and a sleep on `clock` that throws), run as the
/// work of `executeTaskIfNotDone`, is one way. A timer that sleeps in steps is fine.
///
/// - Parameters:
///   - deadline: How long the work may take.
///   - clock: The clock the deadline is measured on.
/// - Returns: The work's result.
public func runWithDeadline(
    taskID: String,
    deadline: Duration,
    clock: some Clock<Duration>,
    store: some StateStore,
    now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    throw LabError.notImplemented("runWithDeadline(taskID:deadline:clock:store:now:work:)")
}
