import Foundation
import LabKit

// Exercise 1 of chapter 11: retry with exponential backoff.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Runs `operation` until it succeeds, at most `maxAttempts` times, sleeping 1s, 2s, 4s, …
/// on `clock` between attempts and never after the last one.
///
/// The contract the checks hold you to (`ch11.retry.*`):
/// - `maxAttempts` is the number of calls in all, the first included: 1 means one call and no
///   retry. Below 1 (0 or negative), throw `LabError.invalidArgument` before any call or sleep.
/// - Return the value of the first attempt that succeeds; do not call `operation` again.
/// - Between attempts sleep on `clock` (never `Task.sleep`): 1s, then 2s, then 4s, doubling
///   with no cap (the delay before attempt n+1 is 2^(n-1) seconds).
/// - After the last failed attempt, do not sleep: throw
///   `LabError.retriesExhausted(attempts:lastError:)` with the number of attempts and the error
///   the last attempt threw, itself (not the first one, not a new error with its text).
/// - If the task is cancelled during a backoff, the sleep throws `CancellationError`: let it
///   through unchanged, and make no further attempt.
///
/// - Parameters:
///   - maxAttempts: How many attempts to make in all, the first included.
///   - clock: The clock to sleep on between attempts.
///   - operation: The work to attempt.
/// - Returns: The value of the first attempt that succeeds.
public func executeWithRetry<T: Sendable>(
    maxAttempts: Int,
    clock: some Clock<Duration>,
    operation: @Sendable () async throws -> T
) async throws -> T {
    throw LabError.notImplemented("executeWithRetry(maxAttempts:clock:operation:)")
}
