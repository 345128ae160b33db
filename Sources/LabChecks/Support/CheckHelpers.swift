import LabKit

/// Runs `body` and returns the error it threw, or `nil` when it returned.
///
/// `LabError.notImplemented` is thrown on, so that a stub never passes a check that expects an
/// error.
public func caughtError(_ body: () async throws -> Void) async throws -> (any Error)? {
    do {
        try await body()
        return nil
    } catch LabError.notImplemented(let function) {
        throw LabError.notImplemented(function)
    } catch {
        return error
    }
}

/// Describes what a call ended with, for failure messages.
public func outcome(_ error: (any Error)?) -> String {
    error.map(describe) ?? "a returned value (no error)"
}

/// Starts `body` in a task of its own and waits until `count` sleeps wait on `clock`.
///
/// When `body` ends first (a stub throws at once; code that never sleeps on the clock returns),
/// its error is thrown, or a failure that says it never waited on the clock. While it waits, a
/// timeout says how many sleeps it was waiting for and how many had started.
/// - Returns: The running task, to cancel or to await after advancing the clock.
/// - Throws: What `body` threw when it ended first, a ``CheckFailure`` when it returned first,
///   or `CancellationError` when the check is abandoned while waiting.
public func start(
    _ body: @escaping @Sendable () async throws -> String,
    thenWaitFor count: Int,
    sleepsOn clock: ManualClock
) async throws -> Task<String, any Error> {
    let (ended, signal) = AsyncStream<Never>.makeStream()
    // A task of its own: the check cancels it, or awaits it after advancing the clock.
    let run = Task {
        defer { signal.finish() }
        return try await body()
    }
    let endedFirst = try await withThrowingTaskGroup(of: Bool.self) { group in
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
    if endedFirst {
        let value = try await run.value
        throw CheckFailure("expected it to wait on the clock, but it returned \(show(value)) at once")
    }
    return run
}
