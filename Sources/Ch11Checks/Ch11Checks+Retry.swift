import LabChecks
import LabKit

extension Ch11Checks {
    static let retry: [Check<Ch11Exercises>] = [
        Check(
            id: "ch11.retry.first-success",
            title: "Returns the value at once when the first attempt succeeds",
            points: 1,
            hint: "executeWithRetry (Retry.swift): call the operation before any sleep, and return its value as soon as it succeeds."
        ) { exercises, context in
            let clock = context.clock()
            let calls = Recorder<Int>()
            let value = try await exercises.executeWithRetry(3, clock, flaky(failures: 0, calls: calls))
            try expect(value, equals: "ok after 1 attempts", "the operation's value")
            try expect(calls.count, equals: 1, "attempts")
            try expect(clock.sleeps, equals: [], "sleeps")
        },
        Check(
            id: "ch11.retry.delays-double",
            title: "Waits 1s, 2s, 4s between failed attempts",
            points: 3,
            hint: "executeWithRetry (Retry.swift): start at one second and double the delay after every failed attempt; "
                + "sleep on the clock you were given."
        ) { exercises, context in
            let clock = context.clock()
            let value = try await exercises.executeWithRetry(5, clock, flaky(failures: 3, calls: Recorder()))
            try expect(clock.sleeps, equals: [.seconds(1), .seconds(2), .seconds(4)], "sleeps")
            try expect(value, equals: "ok after 4 attempts", "the operation's value")
        },
        Check(
            id: "ch11.retry.no-sleep-after-last",
            title: "Does not sleep after the last attempt",
            points: 2,
            hint: "executeWithRetry (Retry.swift): once the last attempt has failed there is nothing left to wait for: throw at once."
        ) { exercises, context in
            let clock = context.clock()
            _ = try await caughtError { _ = try await exercises.executeWithRetry(3, clock, flaky(failures: .max, calls: Recorder())) }
            try expect(clock.sleeps, equals: [.seconds(1), .seconds(2)], "sleeps")
        },
        Check(
            id: "ch11.retry.attempt-count",
            title: "Makes exactly maxAttempts attempts when every attempt fails",
            points: 2,
            hint: "executeWithRetry (Retry.swift): maxAttempts counts attempts, the first one included: maxAttempts 4 means 4 calls."
        ) { exercises, context in
            let calls = Recorder<Int>()
            _ = try await caughtError { _ = try await exercises.executeWithRetry(4, context.clock(), flaky(failures: .max, calls: calls)) }
            try expect(calls.count, equals: 4, "attempts")
        },
        Check(
            id: "ch11.retry.single-attempt",
            title: "maxAttempts 1 makes one attempt, never sleeps, and throws retriesExhausted(attempts: 1)",
            points: 1,
            hint: "executeWithRetry (Retry.swift): 1 is a valid maxAttempts: one attempt and no retry. Only values below 1 are invalid."
        ) { exercises, context in
            let clock = context.clock()
            let calls = Recorder<Int>()
            let error = try await caughtError { _ = try await exercises.executeWithRetry(1, clock, flaky(failures: .max, calls: calls)) }
            guard case LabError.retriesExhausted(let attempts, let lastError)? = error else {
                throw CheckFailure("expected LabError.retriesExhausted after the one attempt failed, got \(outcome(error))")
            }
            try expect(calls.count, equals: 1, "attempts")
            try expect(attempts, equals: 1, "attempts in the error")
            try expect(thrown: lastError, equals: FlakyError(attempt: 1), "lastError in the error")
            try expect(clock.sleeps, equals: [], "sleeps")
        },
        Check(
            id: "ch11.retry.stops-after-success",
            title: "Stops retrying as soon as an attempt succeeds",
            points: 2,
            hint: "executeWithRetry (Retry.swift): return the value of the first successful attempt; do not call the operation again."
        ) { exercises, context in
            let clock = context.clock()
            let calls = Recorder<Int>()
            let value = try await exercises.executeWithRetry(5, clock, flaky(failures: 1, calls: calls))
            try expect(calls.count, equals: 2, "attempts")
            try expect(clock.sleeps, equals: [.seconds(1)], "sleeps")
            try expect(value, equals: "ok after 2 attempts", "the operation's value")
        },
        Check(
            id: "ch11.retry.exhausted-error",
            title: "When attempts run out, throws retriesExhausted with the count and the last error itself",
            points: 2,
            hint: "executeWithRetry (Retry.swift): throw LabError.retriesExhausted(attempts:lastError:) with the error the last "
                + "attempt threw, unchanged: not the first one, not a copy of its text."
        ) { exercises, context in
            let error = try await caughtError {
                _ = try await exercises.executeWithRetry(3, context.clock(), flaky(failures: .max, calls: Recorder()))
            }
            guard case LabError.retriesExhausted(let attempts, let lastError)? = error else {
                throw CheckFailure("expected LabError.retriesExhausted, got \(outcome(error))")
            }
            try expect(attempts, equals: 3, "attempts in the error")
            try expect(thrown: lastError, equals: FlakyError(attempt: 3), "lastError in the error")
        },
        Check(
            id: "ch11.retry.long-schedule",
            title: "Keeps doubling over a long run, with no cap: 1s, 2s, 4s, 8s, 16s, 32s",
            points: 1,
            hint: "executeWithRetry (Retry.swift): the delay before attempt n+1 is 2^(n-1) seconds, however large it gets."
        ) { exercises, context in
            let clock = context.clock()
            _ = try await caughtError { _ = try await exercises.executeWithRetry(7, clock, flaky(failures: .max, calls: Recorder())) }
            try expect(clock.sleeps, equals: [1, 2, 4, 8, 16, 32].map(Duration.seconds), "sleeps")
        },
        Check(
            id: "ch11.retry.cancel-during-backoff",
            title: "Cancellation during a backoff ends the retry at once with CancellationError",
            points: 2,
            hint: "executeWithRetry (Retry.swift): let the clock's sleep throw: do not catch CancellationError (not with try?, "
                + "not to wrap it), and do not call the operation after it."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let calls = Recorder<Int>()
            context.waiting(for: "executeWithRetry to sleep on the clock after the first failed attempt")
            let run = try await start({
                try await exercises.executeWithRetry(5, clock, flaky(failures: .max, calls: calls))
            }, thenWaitFor: 1, sleepsOn: clock)
            run.cancel()
            context.waiting(for: "executeWithRetry to end once it was cancelled during its backoff")
            let error = try await caughtError { _ = try await run.value }
            try expect(error is CancellationError, "expected CancellationError, got \(outcome(error))")
            try expect(calls.count, equals: 1, "attempts")
        },
        Check(
            id: "ch11.retry.rejects-invalid-max",
            title: "Rejects maxAttempts 0 and -1 with invalidArgument, without calling the operation",
            points: 1,
            hint: "executeWithRetry (Retry.swift): check the argument first: any maxAttempts below 1 (0, negative) throws "
                + "LabError.invalidArgument."
        ) { exercises, context in
            for maxAttempts in [0, -1] {
                let clock = context.clock()
                let calls = Recorder<Int>()
                let error = try await caughtError {
                    _ = try await exercises.executeWithRetry(maxAttempts, clock, flaky(failures: 0, calls: calls))
                }
                guard case LabError.invalidArgument? = error else {
                    throw CheckFailure("expected LabError.invalidArgument for maxAttempts \(maxAttempts), got \(outcome(error))")
                }
                try expect(calls.count, equals: 0, "attempts (maxAttempts \(maxAttempts))")
                try expect(clock.sleeps, equals: [], "sleeps (maxAttempts \(maxAttempts))")
            }
        },
    ]
}
