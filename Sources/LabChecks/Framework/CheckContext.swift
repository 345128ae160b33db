import LabKit
import Synchronization

/// What a running check hands to the implementation: manual clocks and a timestamp source.
///
/// The runner reads the clocks back after the check, so that a check that waited in real time
/// while its clocks saw no sleep can add "slept for real? … use the injected clock", and a check
/// that timed out can say what it was waiting for.
public final class CheckContext: Sendable {
    private let clocks = Mutex<[ManualClock]>([])
    private let waiting = Mutex<String?>(nil)

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

    /// Says what the check waits for from here on, in words a student understands, such as
    /// "the deadline timer and the work to sleep on the clock". A timeout reports it.
    /// Pass `nil` once the wait is over.
    public func waiting(for what: String?) {
        waiting.withLock { $0 = what }
    }

    /// What the check was waiting for, as a timeout reports it.
    var waitDescription: String {
        if let what = waiting.withLock({ $0 }) { return what }
        let pending = clocks.withLock { clocks in
            clocks.compactMap { clock in clock.awaitedSleepers.map { (clock.pendingSleeps, $0) } }.first
        }
        if let (started, awaited) = pending {
            return "\(awaited) sleep\(awaited == 1 ? "" : "s") on the clock it passed in, "
                + "but \(started == 0 ? "none" : "only \(started)") started: is every wait on the injected clock?"
        }
        return "the code under test to return: a loop that never ends, or a wait that nothing resumes?"
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
