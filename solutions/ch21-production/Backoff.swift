import LabKit

/// A wait drawn uniformly from `0...min(cap, base × 2^(attempt−1))` with `generator`: exponential
/// backoff with full jitter.
public func fullJitterBackoff(attempt: Int, base: Duration, cap: Duration, using generator: inout SeededGenerator) throws -> Duration {
    guard attempt >= 1 else { throw LabError.invalidArgument("attempt must be at least 1, got \(attempt)") }
    var ceiling = base
    for _ in 1..<attempt where ceiling < cap {
        ceiling *= 2
    }
    ceiling = min(ceiling, cap)
    let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
    return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
}
