import Synchronization

/// A random number generator that gives the same numbers for the same seed (SplitMix64).
///
/// Code that draws random numbers (jitter, sampling) takes one, so that tests and checks can
/// replay a run exactly.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let jitter = Int.random(in: 0...1000, using: &generator)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A ``SeededGenerator`` that several tasks may draw from at once.
public final class SeededRandom: Sendable {
    private let generator: Mutex<SeededGenerator>

    public init(seed: UInt64) {
        generator = Mutex(SeededGenerator(seed: seed))
    }

    /// A number drawn uniformly from `range`.
    public func int(in range: ClosedRange<Int64>) -> Int64 {
        generator.withLock { Int64.random(in: range, using: &$0) }
    }
}
