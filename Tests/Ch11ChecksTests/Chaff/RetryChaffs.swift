import Ch11Checks
import LabKit

// Buggy versions of `executeWithRetry`, each written the way a student might write it.

extension Chaff {
    static let retry: [Chaff] = [
        Chaff(
            name: "retry: linear backoff 1s, 2s, 3s",
            exercises: solution { $0.executeWithRetry = { try await linearBackoff(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: constant 1s backoff",
            exercises: solution { $0.executeWithRetry = { try await constantBackoff(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.no-sleep-after-last", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: doubles before the first sleep (2s, 4s, 8s)",
            exercises: solution { $0.executeWithRetry = { try await doublesTooEarly(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.delays-double", "ch11.retry.stops-after-success", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: sleeps after the last attempt",
            exercises: solution { $0.executeWithRetry = { try await sleepsAfterLastAttempt(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.no-sleep-after-last", "ch11.retry.long-schedule"]
        ),
        Chaff(
            name: "retry: one attempt too many (0...maxAttempts)",
            exercises: solution { $0.executeWithRetry = { try await oneAttemptTooMany(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.attempt-count", "ch11.retry.exhausted-error", "ch11.retry.no-sleep-after-last"]
        ),
        Chaff(
            name: "retry: one attempt too few (1..<maxAttempts)",
            exercises: solution { $0.executeWithRetry = { try await oneAttemptTooFew(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.attempt-count", "ch11.retry.exhausted-error", "ch11.retry.no-sleep-after-last"]
        ),
        Chaff(
            name: "retry: keeps calling the operation after it succeeded",
            exercises: solution { $0.executeWithRetry = { try await retriesAfterSuccess(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.first-success", "ch11.retry.stops-after-success"]
        ),
        Chaff(
            name: "retry: rethrows the last error instead of retriesExhausted",
            exercises: solution { $0.executeWithRetry = { try await rethrowsLastError(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error"]
        ),
        Chaff(
            name: "retry: retriesExhausted carries the first error",
            exercises: solution { $0.executeWithRetry = { try await keepsFirstError(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.exhausted-error"]
        ),
        Chaff(
            name: "retry: try? on the backoff sleep swallows cancellation",
            exercises: solution { $0.executeWithRetry = { try await swallowsCancellation(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.cancel-during-backoff"]
        ),
        Chaff(
            name: "retry: no check of maxAttempts below 1",
            exercises: solution { $0.executeWithRetry = { try await noArgumentCheck(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.rejects-invalid-max"]
        ),
        // The bug under test is a real sleep: this chaff waits one real second in the one check
        // it runs. It is the only real sleep in the kit's tests, and it is what the check must see.
        Chaff(
            name: "retry: Task.sleep on real time instead of the injected clock",
            exercises: solution { $0.executeWithRetry = { try await sleepsForReal(maxAttempts: $0, clock: $1, operation: $2) } },
            caughtBy: ["ch11.retry.stops-after-success"],
            only: ["ch11.retry.stops-after-success"]
        ),
    ]
}

private func linearBackoff<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    for attempt in 1...maxAttempts {
        do {
            return try await operation()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if attempt == maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: .seconds(attempt))
        }
    }
    throw LabError.invalidArgument("unreachable")
}

private func constantBackoff<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    let delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
        }
    }
}

private func doublesTooEarly<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            delay *= 2
            try await clock.sleep(for: delay)
        }
    }
}

private func sleepsAfterLastAttempt<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var lastError: (any Error)?
    for _ in 0..<maxAttempts {
        do {
            return try await operation()
        } catch {
            lastError = error
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
    throw LabError.retriesExhausted(attempts: maxAttempts, lastError: lastError ?? CancellationError())
}

private func oneAttemptTooMany<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    for attempt in 0...maxAttempts {
        do {
            return try await operation()
        } catch {
            if attempt == maxAttempts { throw LabError.retriesExhausted(attempts: attempt + 1, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
    throw LabError.invalidArgument("unreachable")
}

private func oneAttemptTooFew<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 1
    while true {
        do {
            return try await operation()
        } catch {
            attempt += 1
            if attempt >= maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func retriesAfterSuccess<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var result: T?
    var lastError: (any Error)?
    for attempt in 1...maxAttempts {
        do {
            result = try await operation()
        } catch {
            lastError = error
            if attempt < maxAttempts {
                try await clock.sleep(for: delay)
                delay *= 2
            }
        }
    }
    if let result { return result }
    throw LabError.retriesExhausted(attempts: maxAttempts, lastError: lastError ?? CancellationError())
}

private func rethrowsLastError<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxAttempts { throw error }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func keepsFirstError<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var firstError: (any Error)?
    for attempt in 1...maxAttempts {
        do {
            return try await operation()
        } catch {
            if firstError == nil { firstError = error }
            if attempt < maxAttempts {
                try await clock.sleep(for: delay)
                delay *= 2
            }
        }
    }
    throw LabError.retriesExhausted(attempts: maxAttempts, lastError: firstError ?? CancellationError())
}

private func swallowsCancellation<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try? await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

private func noArgumentCheck<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt >= maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: delay)
            delay *= 2
        }
    }
}

/// Ignores `clock` and waits on the system's clock: `Task.sleep(for:)` in all but name.
private func sleepsForReal<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1") }
    var delay = Duration.seconds(1)
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await operation()
        } catch {
            if attempt == maxAttempts { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await Task.sleep(for: delay)
            delay *= 2
        }
    }
}
