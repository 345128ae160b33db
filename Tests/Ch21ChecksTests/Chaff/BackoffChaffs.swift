import Ch21Checks
import Ch21ProductionSolution
import LabKit

// Buggy backoffs.

extension Chaff {
    static let backoff: [Chaff] = [
        jitter("backoff: no jitter, always the ceiling", caughtBy: ["ch21.backoff.within-ceiling", "ch21.backoff.seeded"]) { ceiling, _ in ceiling },
        jitter("backoff: equal jitter (half the ceiling, plus up to half)", caughtBy: ["ch21.backoff.within-ceiling"]) { ceiling, generator in
            ceiling / 2 + .milliseconds(Int64.random(in: 0...max(0, milliseconds(ceiling) / 2), using: &generator))
        },
        jitter("backoff: the jitter is added on top of the ceiling", caughtBy: ["ch21.backoff.within-ceiling", "ch21.backoff.capped"]) { ceiling, generator in
            ceiling + .milliseconds(Int64.random(in: 0...milliseconds(ceiling), using: &generator))
        },
        jitter("backoff: the system's randomness instead of the generator", caughtBy: ["ch21.backoff.seeded"]) { ceiling, _ in
            var system = SystemRandomNumberGenerator()
            return .milliseconds(Int64.random(in: 0...milliseconds(ceiling), using: &system))
        },
        Chaff(
            name: "backoff: the ceiling starts at 2 × base",
            exercises: solution { $0.fullJitterBackoff = { attempt, base, cap, generator in
                try fullJitterBackoff(attempt: attempt + 1, base: base, cap: cap, using: &generator)
            } },
            caughtBy: ["ch21.backoff.within-ceiling"]
        ),
        Chaff(
            name: "backoff: the cap is ignored",
            exercises: solution { $0.fullJitterBackoff = { attempt, base, _, generator in
                try fullJitterBackoff(attempt: attempt, base: base, cap: base * (1 << min(max(attempt - 1, 0), 20)), using: &generator)
            } },
            caughtBy: ["ch21.backoff.capped"]
        ),
        Chaff(
            name: "backoff: attempt 0 is taken as 1",
            exercises: solution { $0.fullJitterBackoff = { attempt, base, cap, generator in
                try fullJitterBackoff(attempt: max(1, attempt), base: base, cap: cap, using: &generator)
            } },
            caughtBy: ["ch21.backoff.invalid-attempt"]
        ),
    ]

    /// A backoff with the right ceiling and a wrong way of drawing from it.
    static func jitter(
        _ name: String, caughtBy: [String],
        _ draw: @escaping @Sendable (Duration, inout SeededGenerator) -> Duration
    ) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { $0.fullJitterBackoff = { attempt, base, cap, generator in
                guard attempt >= 1 else { throw LabError.invalidArgument("attempt") }
                var ceiling = base
                for _ in 1..<attempt where ceiling < cap { ceiling *= 2 }
                return draw(min(ceiling, cap), &generator)
            } },
            caughtBy: caughtBy
        )
    }
}

func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}
