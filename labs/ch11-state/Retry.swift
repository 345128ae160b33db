import Foundation
import LabKit

// Exercise 1 of chapter 11: retry with exponential backoff.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Runs `operation` until it succeeds, at most `maxRetries` times, sleeping 1s, 2s, 4s, …
/// on `clock` between attempts and never after the last one.
///
/// The contract the checks hold you to (`ch11.retry.*`):
/// - `maxRetries` counts attempts, the first included; below 1 throw
///   `LabError.invalidArgument` without calling `operation`.
/// - Return the value of the first attempt that succeeds; do not call `operation` again.
/// - Between attempts sleep on `clock` (never `Task.sleep`): 1s, then 2s, then 4s, doubling.
/// - After the last failed attempt, do not sleep: throw
///   `LabError.retriesExhausted(attempts:lastError:)` carrying the last attempt's error.
/// - If the task is cancelled during a backoff, the sleep throws `CancellationError`: let it
///   through, and make no further attempt.
///
/// - Parameters:
///   - maxRetries: How many attempts to make in all, the first included.
///   - clock: The clock to sleep on between attempts.
///   - operation: The work to attempt.
/// - Returns: The value of the first attempt that succeeds.
public func executeWithRetry<T: Sendable>(
    maxRetries: Int,
    clock: some Clock<Duration>,
    operation: @Sendable () async throws -> T
) async throws -> T {
    throw LabError.notImplemented("executeWithRetry(maxRetries:clock:operation:)")
}
