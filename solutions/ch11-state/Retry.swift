import Foundation
import LabKit

/// Runs `operation` until it succeeds, at most `maxAttempts` times, sleeping 1s, 2s, 4s, …
/// on `clock` between attempts and never after the last one.
///
/// - Parameters:
///   - maxAttempts: How many attempts to make in all, the first included. At least 1.
///   - clock: The clock to sleep on between attempts.
///   - operation: The work to attempt.
/// - Returns: The value of the first attempt that succeeds.
/// - Throws: `LabError.invalidArgument` when `maxAttempts < 1`;
///   `LabError.retriesExhausted(attempts:lastError:)` when every attempt failed;
///   `CancellationError` when the task is cancelled during a backoff.
public func executeWithRetry<T: Sendable>(
    maxAttempts: Int,
    clock: some Clock<Duration>,
    operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else {
        throw LabError.invalidArgument("maxAttempts must be at least 1, got \(maxAttempts)")
    }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch let cancellation as CancellationError {
            throw cancellation
        } catch where attempt == maxAttempts {
            throw LabError.retriesExhausted(attempts: attempt, lastError: error)
        } catch {
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}
