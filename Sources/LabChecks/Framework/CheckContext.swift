import LabKit
import Synchronization

/// What a running check hands to the implementation: manual clocks and a timestamp source.
///
/// The runner reads the clocks back after the check, so that a check that waited in real time
/// while its clocks saw no sleep can say "slept for real: use the injected clock".
public final class CheckContext: Sendable {
    private let clocks = Mutex<[ManualClock]>([])

    /// A stepping timestamp source: each call is one second after the previous one.
    public let now: Now = steppingNow()

    public init() {}

    /// A new manual clock, remembered by the context.
    /// - Parameter mode: ``ManualClock/Mode/advancing`` (the default) for sequential sleeps,
    ///   ``ManualClock/Mode/manual`` for races driven with `advance(by:)`.
    public func clock(_ mode: ManualClock.Mode = .advancing) -> ManualClock {
        let clock = ManualClock(mode: mode)
        clocks.withLock { $0.append(clock) }
        return clock
    }

    /// How far the clocks handed out have moved, added up: the time the check simulated.
    var simulatedTime: Duration {
        clocks.withLock { $0.reduce(.zero) { $0 + $1.now.offset } }
    }

    /// Whether the check handed out a clock and none of them was ever asked to sleep.
    var handedOutClocksNeverSlept: Bool {
        clocks.withLock { clocks in
            !clocks.isEmpty && clocks.allSatisfy { $0.sleeps.isEmpty }
        }
    }
}
