import LabChecks
import LabKit

/// A `runWithDeadline` call running in a task of its own on a manual clock, started once the
/// work and the deadline timer both sleep on the clock.
struct DeadlineRun: Sendable {
    let task: Task<String, any Error>
    private let ended: AsyncStream<Never>

    /// Starts `runWithDeadline` and waits until two sleeps (the work's and the timer's) wait on
    /// `clock`.
    init(
        _ exercises: Ch11Exercises, _ context: CheckContext, clock: ManualClock, store: any StateStore,
        now: @escaping Now, deadline: Duration, work: @escaping @Sendable (AgentTask) async throws -> String
    ) async throws {
        let (ended, signal) = AsyncStream<Never>.makeStream()
        self.ended = ended
        context.waiting(for: "the work and the deadline timer to sleep on the clock (2 sleeps): "
            + "does the timer sleep for `deadline` on the clock it was given?")
        task = try await start({
            defer { signal.finish() }
            return try await exercises.runWithDeadline("t1", deadline, clock, store, now, work)
        }, thenWaitFor: 2, sleepsOn: clock)
        context.waiting(for: nil)
    }

    /// Waits until `count` sleeps wait on `clock` again (after an advance woke some of them),
    /// or the run ends. Call it at most once per run.
    /// - Returns: Whether the run ended first.
    func settles(sleepers count: Int, on clock: ManualClock) async throws -> Bool {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await clock.waitForSleepers(count)
                return false
            }
            group.addTask {
                for await _ in ended {}
                return true
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// What the run ended with: the error it threw, or `nil` when it returned.
    func error() async throws -> (any Error)? {
        try await caughtError { _ = try await task.value }
    }
}
