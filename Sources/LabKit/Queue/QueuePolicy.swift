import Foundation

/// How a queue retries: how many attempts a task gets, and how long it waits after a failure.
///
/// The wait after the n-th failed attempt is drawn uniformly from `0...min(cap, base × 2ⁿ⁻¹)`
/// ("full jitter"), so workers that failed together do not come back together.
public struct QueuePolicy: Sendable, Equatable {
    /// Attempts a task gets unless its enqueue says otherwise.
    public var maxAttempts: Int
    /// The ceiling of the first wait.
    public var backoffBase: Duration
    /// The largest ceiling.
    public var backoffCap: Duration

    public init(maxAttempts: Int = 5, backoffBase: Duration = .seconds(1), backoffCap: Duration = .seconds(300)) {
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
    }

    /// The ceiling of the wait after failed attempt `attempt` (1-based): `min(cap, base × 2ⁿ⁻¹)`.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let doublings = max(0, attempt - 1)
        guard doublings < 62 else { return backoffCap }
        let ceiling = backoffBase * (1 << doublings)
        return ceiling > backoffCap || ceiling < .zero ? backoffCap : ceiling
    }

    /// A wait drawn from `0...ceiling(afterAttempt:)`, to the millisecond.
    public func backoff(afterAttempt attempt: Int, random: SeededRandom) -> Duration {
        let milliseconds = Self.milliseconds(ceiling(afterAttempt: attempt))
        return .milliseconds(random.int(in: 0...max(0, milliseconds)))
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension Date {
    /// The date moved by a duration.
    public func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.timeInterval)
    }

    /// The date at whole milliseconds since 1970: how queues store time, so that every backend
    /// returns the same values.
    public var queueMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// A date from milliseconds since 1970.
    public init(queueMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(queueMilliseconds) / 1000)
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
