import Ch11Checks
import LabKit

// More buggy versions of `executeWithRetry`: the boundaries of maxAttempts, the identity of
// the errors it throws, and the shape of the schedule.

extension Chaff {
    static let retryBoundaries: [Chaff] = [
        Chaff(
            name: "retry: retriesExhausted carries a copy of the last error's text, not the error",
            exercises: solution { $0.executeWithRetry = { try await lastErrorAsText(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error", "ch11.retry.single-attempt"]
        ),
        Chaff(
            name: "retry: maxAttempts 1 rejected as invalid (guard maxAttempts > 1)",
            exercises: solution { $0.executeWithRetry = { try await rejectsOneAttempt(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.single-attempt"]
        ),
        Chaff(
            name: "retry: rejects 0 but lets a negative maxAttempts through",
            exercises: solution { $0.executeWithRetry = { try await rejectsOnlyZero(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.rejects-invalid-max"]
        ),
        Chaff(
            name: "retry: retriesExhausted counts the retries, not the attempts",
            exercises: solution { $0.executeWithRetry = { try await countsRetriesInError(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error", "ch11.retry.single-attempt"]
        ),
        Chaff(
            name: "retry: cancellation during a backoff reported as retriesExhausted",
            exercises: solution { $0.executeWithRetry = { try await cancellationAsExhausted(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.cancel-during-backoff"]
        ),
        Chaff(
            name: "retry: sleeps before every attempt, the first one too",
            exercises: solution { $0.executeWithRetry = { try await sleepsBeforeFirstAttempt(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.first-success", "ch11.retry.single-attempt"]
        ),
        Chaff(
            name: "retry: caps the backoff at 8s",
            exercises: solution { $0.executeWithRetry = { try await cappedBackoff(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.long-schedule"]
        ),
    ]
}

/// An error that reads like another one.
private struct TextError: Error, CustomStringConvertible {
    let description: String
}

/// The reference loop with the mistakes of this file as switches: `delay(n)` is the sleep after
/// failed attempt n, `exhausted` builds the final error.
private func retryLoop<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T,
    delay: (Int) -> Duration = { .seconds(1 << ($0 - 1)) },
    exhausted: (Int, any Error) -> any Error = { LabError.retriesExhausted(attempts: $0, lastError: $1) }
) async throws -> T {
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxAttempts { throw exhausted(attempt, error) }
            try await clock.sleep(for: delay(attempt))
        }
    }
}

private func lastErrorAsText<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    return try await retryLoop(maxAttempts: maxAttempts, clock: clock, operation: operation, exhausted: { attempts, error in
        LabError.retriesExhausted(attempts: attempts, lastError: TextError(description: "\(error)"))
    })
}

private func rejectsOneAttempt<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    // "A retry needs at least two attempts."
    guard maxAttempts > 1 else { throw LabError.invalidArgument("maxAttempts must be at least 2") }
    return try await retryLoop(maxAttempts: maxAttempts, clock: clock, operation: operation)
}

private func rejectsOnlyZero<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts != 0 else { throw LabError.invalidArgument("maxAttempts must not be 0") }
    return try await retryLoop(maxAttempts: maxAttempts, clock: clock, operation: operation)
}

private func countsRetriesInError<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    return try await retryLoop(maxAttempts: maxAttempts, clock: clock, operation: operation, exhausted: { attempts, error in
        LabError.retriesExhausted(attempts: attempts - 1, lastError: error)
    })
}

private func cancellationAsExhausted<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            do {
                try await clock.sleep(for: .seconds(1 << (attempt - 1)))
            } catch {
                // Stopped early: report how far it got.
                throw LabError.retriesExhausted(attempts: attempt, lastError: error)
            }
        }
    }
}

private func sleepsBeforeFirstAttempt<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var lastError: (any Error)?
    for attempt in 1...maxAttempts {
        try await clock.sleep(for: .seconds(attempt == 1 ? 1 : 1 << (attempt - 2)))
        do {
            return try await operation()
        } catch {
            lastError = error
        }
    }
    throw LabError.retriesExhausted(attempts: maxAttempts, lastError: lastError ?? CancellationError())
}

private func cappedBackoff<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    return try await retryLoop(maxAttempts: maxAttempts, clock: clock, operation: operation,
                               delay: { min(.seconds(1 << ($0 - 1)), .seconds(8)) })
}
