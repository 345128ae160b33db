import Foundation
import LabKit

/// Runs the task like ``executeTaskIfNotDone(taskID:store:now:work:)``, but gives the work at
/// most `deadline` on `clock`.
///
/// When the deadline passes first, the work is cancelled, the task is saved `failed` with
/// "deadline exceeded", and `LabError.deadlineExceeded` is thrown. When the work finishes first,
/// the timer is cancelled and its result returned, or its error rethrown unchanged.
///
/// - Parameters:
///   - deadline: How long the work may take.
///   - clock: The clock the deadline is measured on.
///   - others: as ``executeTaskIfNotDone(taskID:store:now:work:)``.
/// - Throws: `LabError.deadlineExceeded`, or as ``executeTaskIfNotDone(taskID:store:now:work:)``.
public func runWithDeadline(
    taskID: String,
    deadline: Duration,
    clock: some Clock<Duration>,
    store: some StateStore,
    now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                try await clock.sleep(for: deadline)
                throw LabError.deadlineExceeded(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}
