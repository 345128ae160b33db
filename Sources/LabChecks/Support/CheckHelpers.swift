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
    error.map { "\($0)" } ?? "a returned value"
}

/// Starts `body` in a task of its own and waits until `count` sleeps wait on `clock`.
///
/// When `body` ends first (a stub throws at once; code that never sleeps on the clock returns),
/// its error is thrown, or a failure that says it never waited on the clock.
/// - Returns: The running task, to cancel or to await after advancing the clock.
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
    let endedFirst = await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            await clock.waitForSleepers(count)
            return false
        }
        group.addTask {
            for await _ in ended {}
            return true
        }
        let first = await group.next() ?? false
        group.cancelAll()
        return first
    }
    if endedFirst {
        let value = try await run.value
        throw CheckFailure("expected it to wait on the clock, but it returned \(show(value)) at once")
    }
    return run
}
