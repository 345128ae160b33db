import Synchronization

/// A clock that moves only when told to, and remembers every sleep it was asked for.
///
/// Checks and tests hand a `ManualClock` to code that takes `some Clock<Duration>`, so that a
/// backoff schedule of 1s, 2s, 4s is checked exactly and in no real time.
///
/// In ``Mode/advancing`` mode (the default) a sleep returns at once and moves the clock to its
/// deadline: right for code that sleeps in sequence. In ``Mode/manual`` mode a sleep waits until
/// ``advance(by:)`` moves the clock past its deadline: right for races such as a deadline
/// against slow work.
///
/// `advance(by:)` steps through the deadlines it passes, earliest first, the way real time
/// would: a sleep that wakes at `t+1` and then sleeps one more second wakes again at `t+2`,
/// within the same advance, if the advance reaches that far. Each task sees the clock at the
/// moment it was woken until it sleeps again, so `sleep(for:)` counts from its wake-up, not
/// from the end of the advance.
///
/// ```swift
/// let clock = ManualClock()
/// try await clock.sleep(for: .seconds(2))
/// clock.sleeps  // [.seconds(2)]
/// clock.now     // ManualClock.Instant(offset: .seconds(2))
/// ```
public final class ManualClock: Clock, Sendable {
    /// A point on a manual clock: the time since it started.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        public var offset: Duration

        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant {
            Instant(offset: offset + duration)
        }

        public func duration(to other: Instant) -> Duration {
            other.offset - offset
        }

        public static func < (lhs: Instant, rhs: Instant) -> Bool {
            lhs.offset < rhs.offset
        }

        public var description: String { "t+\(offset)" }
    }

    /// How a sleep behaves.
    public enum Mode: Sendable {
        /// A sleep returns at once and moves the clock to its deadline.
        case advancing
        /// A sleep waits for ``advance(by:)``.
        case manual
    }

    private struct Sleeper {
        let id: Int
        let deadline: Instant
        let task: Int?
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct SleeperWaiter {
        let id: Int
        let count: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        /// How far the clock has been advanced: what a task that was not woken by it sees.
        var now = Instant(offset: .zero)
        var sleeps: [Duration] = []
        var sleepers: [Sleeper] = []
        var nextID = 0
        var sleeperWaiters: [SleeperWaiter] = []
        /// When each task that the clock woke was woken, until it sleeps again.
        var wakeTimes: [Int: Instant] = [:]

        func now(for task: Int?) -> Instant {
            task.flatMap { wakeTimes[$0] } ?? now
        }
    }

    private let mode: Mode
    private let state = Mutex(State())

    /// Creates a clock at `t+0`.
    public init(mode: Mode = .advancing) {
        self.mode = mode
    }

    /// The current instant, as the calling task sees it: the moment the clock last woke it,
    /// while it has not slept again; otherwise as far as the clock has been advanced.
    public var now: Instant {
        let task = Self.currentTask
        return state.withLock { $0.now(for: task) }
    }

    public var minimumResolution: Duration { .zero }

    /// Every sleep requested so far, as durations from the moment it was requested, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// How many sleeps are waiting for the clock to advance (``Mode/manual`` mode).
    public var pendingSleeps: Int { state.withLock { $0.sleepers.count } }

    /// How many sleepers a ``waitForSleepers(_:)`` call is waiting for, if one is: what a check
    /// that timed out was waiting for.
    public var awaitedSleepers: Int? { state.withLock { $0.sleeperWaiters.map(\.count).max() } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let task = Self.currentTask
        let id: Int? = state.withLock { state in
            let now = state.now(for: task)
            state.sleeps.append(now.duration(to: deadline))
            switch mode {
            case .advancing:
                state.now = max(state.now, deadline)
                if let task { state.wakeTimes[task] = nil }
                return nil
            case .manual:
                guard deadline > state.now else {
                    // Already due: the advance this task woke in reaches past it.
                    if let task { state.wakeTimes[task] = max(now, deadline) }
                    return nil
                }
                if let task { state.wakeTimes[task] = nil }
                defer { state.nextID += 1 }
                return state.nextID
            }
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, task: task, continuation: continuation))
                    resumeSleeperWaiters(&state)
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleep whose deadline has come, earliest first;
    /// sleeps with the same deadline wake in the order they began.
    ///
    /// A woken task sees the clock at its own deadline; a sleep it then starts whose deadline
    /// is within the advance wakes at once, at that deadline. Code that sleeps in several short
    /// steps therefore wakes at each step, as it would in real time.
    public func advance(by duration: Duration) {
        let due = state.withLock { state -> [Sleeper] in
            // Wake-up times only hold within one advance: a task that ended has no further use
            // for its own, and no later task may inherit it.
            state.wakeTimes = [:]
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            state.sleepers.removeAll { $0.deadline <= now }
            for sleeper in due {
                if let task = sleeper.task { state.wakeTimes[task] = sleeper.deadline }
            }
            return due
        }
        for sleeper in due {
            sleeper.continuation.resume()
        }
    }

    /// Waits until at least `count` sleeps are waiting on the clock (``Mode/manual`` mode).
    ///
    /// Use it to advance the clock only once the code under test has started to wait.
    /// - Throws: `CancellationError` when the calling task is cancelled before they do.
    public func waitForSleepers(_ count: Int = 1) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.sleepers.count >= count { return .success(()) }
                    state.sleeperWaiters.append(SleeperWaiter(id: id, count: count, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> SleeperWaiter? in
                guard let index = state.sleeperWaiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleeperWaiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func resumeSleeperWaiters(_ state: inout State) {
        let count = state.sleepers.count
        let ready = state.sleeperWaiters.filter { $0.count <= count }
        state.sleeperWaiters.removeAll { $0.count <= count }
        for waiter in ready {
            waiter.continuation.resume()
        }
    }

    /// Identifies the calling task while it runs, so that the clock can tell which task it woke.
    private static var currentTask: Int? {
        withUnsafeCurrentTask { $0?.hashValue }
    }
}
