import LabKit

/// A retry whose waits are written out, not computed: try, and after each failure sleep the
/// next delay of the list on the clock; when the list is used up, throw the last error.
///
/// This is what the lab 02 checks and demo pass as a ``ToolRetry``. Chapter 11 has you compute
/// such a schedule (and count attempts, and stop on cancellation); here the delays are data.
///
/// ```swift
/// let retry = ScheduleRetry(delays: [.seconds(1), .seconds(2)], clock: ContinuousClock())
/// let output = try await retry.run { try await flakyTool() }  // at most 3 attempts
/// ```
public struct ScheduleRetry: Sendable {
    /// The waits between attempts; one attempt more than there are delays.
    public var delays: [Duration]
    /// The clock the waits pass on.
    public var clock: any Clock<Duration>
    /// Told about each failed attempt that will be retried: the error and the wait ahead.
    public var onRetry: @Sendable (_ error: any Error, _ delay: Duration) -> Void

    public init(delays: [Duration], clock: any Clock<Duration>, onRetry: @escaping @Sendable (any Error, Duration) -> Void = { _, _ in }) {
        self.delays = delays
        self.clock = clock
        self.onRetry = onRetry
    }

    /// Runs `operation` until it succeeds or the delays are used up.
    /// - Throws: The last attempt's error; `CancellationError` when cancelled during a wait.
    public func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        for delay in delays {
            do {
                return try await operation()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                onRetry(error, delay)
                try await clock.sleep(for: delay)
            }
        }
        return try await operation()
    }

    /// The retry as the closure lab 02's functions take.
    public var asToolRetry: ToolRetry {
        { operation in try await run(operation) }
    }
}
