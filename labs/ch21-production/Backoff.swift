import LabKit

// Exercise 6 of chapter 21: exponential backoff with full jitter.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// How long a task waits after failed attempt `attempt` before it is retried (`ch21.backoff.*`):
/// - The ceiling is `base × 2^(attempt−1)` (1s, 2s, 4s … for a base of 1s), but never above `cap`;
///   a late attempt such as 100 must not overflow.
/// - Return a duration drawn uniformly from `0...ceiling` (both ends allowed) with `generator`:
///   `Int64.random(in:using:)` on nanoseconds or milliseconds does it. Never use the system's
///   randomness: the same seed must give the same waits.
/// - `attempt` below 1 throws `LabError.invalidArgument`.
public func fullJitterBackoff(attempt: Int, base: Duration, cap: Duration, using generator: inout SeededGenerator) throws -> Duration {
    throw LabError.notImplemented("fullJitterBackoff(attempt:base:cap:using:)")
}
