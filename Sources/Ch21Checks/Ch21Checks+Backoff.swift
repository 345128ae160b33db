import LabChecks
import LabKit

extension Ch21Checks {
    static let backoff: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.backoff.within-ceiling",
            title: "Every wait lies in 0…min(cap, base × 2^(attempt−1)) and the draws reach near the ceiling",
            points: 3,
            hint: "Full jitter: the ceiling doubles from base with each attempt (1s, 2s, 4s …) up to cap; draw uniformly between 0 and the ceiling."
        ) { exercises, _ in
            var generator = SeededGenerator(seed: 7)
            for (attempt, ceiling) in [(1, Duration.seconds(1)), (2, .seconds(2)), (3, .seconds(4)), (6, .seconds(10))] {
                let waits = try (0..<200).map { _ in try exercises.fullJitterBackoff(attempt, .seconds(1), .seconds(10), &generator) }
                let low = waits.min() ?? .zero, high = waits.max() ?? .zero
                try expect(low >= .zero && high <= ceiling,
                           "expected waits for attempt \(attempt) within 0…\(ceiling.compact), got \(low.compact)…\(high.compact)")
                try expect(high > ceiling * 0.8 && low < ceiling * 0.2,
                           "expected 200 waits for attempt \(attempt) to spread over 0…\(ceiling.compact), got \(low.compact)…\(high.compact)")
            }
            // A base that is not whole seconds: 300ms, 600ms, 1.2s.
            for (attempt, ceiling) in [(1, Duration.milliseconds(300)), (2, .milliseconds(600)), (3, .milliseconds(1200))] {
                let waits = try (0..<200).map { _ in try exercises.fullJitterBackoff(attempt, .milliseconds(300), .seconds(10), &generator) }
                let low = waits.min() ?? .zero, high = waits.max() ?? .zero
                try expect(low >= .zero && high <= ceiling && high > ceiling * 0.8 && low < ceiling * 0.2,
                           "expected 200 waits for attempt \(attempt) with a base of 300ms to spread over 0…\(ceiling.compact), got \(low.compact)…\(high.compact)")
            }
        },
        Check(
            id: "ch21.backoff.capped",
            title: "A late attempt waits at most cap, without overflowing",
            points: 2,
            hint: "Stop doubling once the ceiling reaches cap: base × 2^99 overflows a Duration."
        ) { exercises, _ in
            var generator = SeededGenerator(seed: 8)
            for attempt in [20, 64, 100] {
                let waits = try (0..<50).map { _ in try exercises.fullJitterBackoff(attempt, .milliseconds(100), .seconds(30), &generator) }
                let high = waits.max() ?? .zero
                try expect((waits.min() ?? .zero) >= .zero && high <= .seconds(30) && high > .seconds(20),
                           "expected waits for attempt \(attempt) up to the cap of 30s, got \(show(waits.min()))…\(high.compact)")
            }
        },
        Check(
            id: "ch21.backoff.seeded",
            title: "The waits come from the generator: the same seed gives the same waits, another seed others",
            points: 2,
            hint: "Draw with the generator you were given (Int64.random(in:using:)), never with the system's randomness."
        ) { exercises, _ in
            func draws(_ seed: UInt64) throws -> [Duration] {
                var generator = SeededGenerator(seed: seed)
                return try (1...8).map { try exercises.fullJitterBackoff($0, .seconds(1), .seconds(60), &generator) }
            }
            let first = try draws(42), again = try draws(42), other = try draws(43)
            try expect(again, equals: first, "the waits for seed 42, drawn twice")
            try expect(other != first, "expected other waits for seed 43 than for seed 42, got \(first) for both")
        },
        Check(
            id: "ch21.backoff.invalid-attempt",
            title: "An attempt below 1 throws invalidArgument",
            points: 1,
            hint: "Attempts count from 1: throw LabError.invalidArgument for 0 or less."
        ) { exercises, _ in
            var generator = SeededGenerator(seed: 1)
            for attempt in [0, -3] {
                let error = try await caughtError { _ = try exercises.fullJitterBackoff(attempt, .seconds(1), .seconds(60), &generator) }
                guard case LabError.invalidArgument? = error else {
                    throw CheckFailure("expected LabError.invalidArgument for attempt \(attempt), got \(outcome(error))")
                }
            }
        },
    ]
}
