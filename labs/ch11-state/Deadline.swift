import Foundation
import LabKit

// Exercise 4 of chapter 11: a deadline for a run.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Runs the task like `executeTaskIfNotDone`, but gives the work at most `deadline` on `clock`.
///
/// The contract the checks hold you to (`ch11.deadline.*`):
/// - When `deadline` passes on `clock` before the work finishes: cancel the work, throw
///   `LabError.deadlineExceeded(deadline)`, and the task ends up saved as `failed` with an error
///   that says "deadline exceeded".
/// - When the work finishes first: cancel the deadline timer and return the work's result; the
///   task is `completed`.
/// - When the work throws before the deadline: its error comes through unchanged (it is not a
///   deadline), and the task is saved `failed` with it.
///
/// A task group with two children (the work, and a sleep on `clock` that throws) is one way.
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
