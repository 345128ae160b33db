import Ch11Checks
import LabKit

// Buggy versions of `executeWithRetry`, each written the way a student might write it.

extension Chaff {
    static let retry: [Chaff] = [
        Chaff(
            name: "retry: linear backoff 1s, 2s, 3s",
            exercises: solution { $0.executeWithRetry = { try await linearBackoff(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: constant 1s backoff",
            exercises: solution { $0.executeWithRetry = { try await constantBackoff(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.no-sleep-after-last", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: doubles before the first sleep (2s, 4s, 8s)",
            exercises: solution { $0.executeWithRetry = { try await doublesTooEarly(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.stops-after-success", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: sleeps after the last attempt",
            exercises: solution { $0.executeWithRetry = { try await sleepsAfterLastAttempt(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.no-sleep-after-last", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: one attempt too many (0...maxRetries)",
            exercises: solution { $0.executeWithRetry = { try await oneAttemptTooMany(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.attempt-count", "ch11.retry.exhausted-error", "ch11.retry.no-sleep-after-last"]
        ),
        Chaff(
            name: "retry: one attempt too few (1..<maxRetries)",
            exercises: solution { $0.executeWithRetry = { try await oneAttemptTooFew(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.attempt-count", "ch11.retry.exhausted-error", "ch11.retry.no-sleep-after-last"]
        ),
        Chaff(
            name: "retry: keeps calling the operation after it succeeded",
            exercises: solution { $0.executeWithRetry = { try await retriesAfterSuccess(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.first-success", "ch11.retry.stops-after-success"]
        ),
        Chaff(
            name: "retry: rethrows the last error instead of retriesExhausted",
            exercises: solution { $0.executeWithRetry = { try await rethrowsLastError(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error"]
        ),
        Chaff(
            name: "retry: retriesExhausted carries the first error",
            exercises: solution { $0.executeWithRetry = { try await keepsFirstError(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error"]
        ),
        Chaff(
            name: "retry: try? on the backoff sleep swallows cancellation",
            exercises: solution { $0.executeWithRetry = { try await swallowsCancellation(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.cancel-during-backoff"]
        ),
        Chaff(
            name: "retry: no check of maxRetries below 1",
            exercises: solution { $0.executeWithRetry = { try await noArgumentCheck(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.rejects-invalid-max"]
        ),
        // The bug under test is a real sleep: this chaff waits one real second in the one check
        // it runs. It is the only real sleep in the kit's tests, and it is what the check must see.
        Chaff(
            name: "retry: Task.sleep on real time instead of the injected clock",
            exercises: solution { $0.executeWithRetry = { try await sleepsForReal(maxRetries: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.stops-after-success"],
            only: ["ch11.retry.stops-after-success"]
        ),
    ]
}

private func linearBackoff<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    for attempt in 1...maxRetries {
        do {
            return try await operation()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if attempt == maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: .seconds(attempt))
        }
    }
    throw LabError.invalidArgument("unreachable")
}

private func constantBackoff<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    let delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
        }
    }
}

private func doublesTooEarly<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            delay *= 2
            try await clock.sleep(for: delay)
        }
    }
}

private func sleepsAfterLastAttempt<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var lastError: (any Error)?
    for _ in 0..<maxRetries {
        do {
            return try await operation()
        } catch {
            lastError = error
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
    throw LabError.retriesExhausted(attempts: maxRetries, lastError: lastError ?? CancellationError())
}

private func oneAttemptTooMany<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    for attempt in 0...maxRetries {
        do {
            return try await operation()
        } catch {
            if attempt == maxRetries { throw LabError.retriesExhausted(attempts: attempt + 1, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
    throw LabError.invalidArgument("unreachable")
}

private func oneAttemptTooFew<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 1
    while true {
        do {
            return try await operation()
        } catch {
            attempt += 1
            if attempt >= maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func retriesAfterSuccess<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var result: T?
    var lastError: (any Error)?
    for attempt in 1...maxRetries {
        do {
            result = try await operation()
        } catch {
            lastError = error
            if attempt < maxRetries {
                try await clock.sleep(for: delay)
                delay *= 2
            }
        }
    }
    if let result { return result }
    throw LabError.retriesExhausted(attempts: maxRetries, lastError: lastError ?? CancellationError())
}

private func rethrowsLastError<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxRetries { throw error }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func keepsFirstError<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var firstError: (any Error)?
    for attempt in 1...maxRetries {
        do {
            return try await operation()
        } catch {
            if firstError == nil { firstError = error }
            if attempt < maxRetries {
                try await clock.sleep(for: delay)
                delay *= 2
            }
        }
    }
    throw LabError.retriesExhausted(attempts: maxRetries, lastError: firstError ?? CancellationError())
}

private func swallowsCancellation<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try? await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func noArgumentCheck<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

/// Ignores `clock` and waits on the system's clock: `Task.sleep(for:)` in all but name.
private func sleepsForReal<T: Sendable>(
    maxRetries: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxRetries >= 1 else { throw LabError.invalidArgument("maxRetries must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxRetries { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await Task.sleep(for: delay)
            delay *= 2
        }
    }
}
