import Foundation
import Synchronization

/// A wall clock that moves only when told to: the ``Now`` of tests and checks of code that
/// compares dates, such as lease expiry.
///
/// ```swift
/// let time = ManualNow()
/// let queue = MemoryTaskQueue(now: time.now)
/// time.advance(by: .seconds(30))
/// ```
public final class ManualNow: Sendable {
    private let current: Mutex<Date>

    /// Starts at `start` (2026-01-01 00:00 UTC unless told).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        current = Mutex(start)
    }

    /// The current date.
    public var date: Date { current.withLock { $0 } }

    /// A ``Now`` that reads this clock.
    public var now: Now { { [self] in self.date } }

    /// Moves the clock forward (or back, for a negative duration).
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.adding(duration) }
    }
}
