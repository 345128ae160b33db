import Dispatch
import Synchronization
import Testing
@testable import LabKit

@Suite("ManualClock", .timeLimit(.minutes(1)))
struct ManualClockTests {
    @Test("advancing mode: a sleep returns at once, is recorded, and moves now to its deadline")
    func advancingModeRecordsSleepsAndMovesNow() async throws {
        let clock = ManualClock()
        try await clock.sleep(for: .seconds(1))
        try await clock.sleep(for: .seconds(2))
        try await clock.sleep(for: .milliseconds(4_500))
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .milliseconds(4_500)])
        #expect(clock.now == ManualClock.Instant(offset: .milliseconds(7_500)))
        #expect(clock.pendingSleeps == 0)
    }

    @Test("advancing mode: a sleep until a past deadline does not move now back")
    func advancingModeNeverGoesBack() async throws {
        let clock = ManualClock()
        try await clock.sleep(for: .seconds(5))
        try await clock.sleep(until: ManualClock.Instant(offset: .seconds(2)))
        #expect(clock.now == ManualClock.Instant(offset: .seconds(5)))
        #expect(clock.sleeps == [.seconds(5), .seconds(-3)])
    }

    @Test("manual mode: a sleep waits until the clock is advanced past its deadline")
    func manualModeWaitsForAdvance() async throws {
        let clock = ManualClock(mode: .manual)
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        try await clock.waitForSleepers(1)
        #expect(clock.sleeps == [.seconds(5)])

        clock.advance(by: .seconds(4))
        #expect(clock.pendingSleeps == 1)
        clock.advance(by: .seconds(1))
        #expect(clock.pendingSleeps == 0)
        try await sleeper.value
        #expect(clock.now == ManualClock.Instant(offset: .seconds(5)))
    }

    @Test("manual mode: a sleep whose deadline has passed returns at once")
    func manualModePastDeadlineReturnsAtOnce() async throws {
        let clock = ManualClock(mode: .manual)
        clock.advance(by: .seconds(3))
        try await clock.sleep(until: ManualClock.Instant(offset: .seconds(3)))
        try await clock.sleep(for: .zero)
        #expect(clock.pendingSleeps == 0)
    }

    @Test("manual mode: one advance wakes the due sleepers in deadline order, and only those")
    func manualModeWakesInDeadlineOrder() async throws {
        let clock = ManualClock(mode: .manual)
        let woken = WakeOrder()
        try await withTaskExecutorPreference(SerialTaskExecutor()) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for seconds in [3, 1, 4, 2] {
                    group.addTask {
                        try await clock.sleep(for: .seconds(seconds))
                        woken.append(seconds)
                    }
                }
                try await clock.waitForSleepers(4)
                clock.advance(by: .seconds(3))
                #expect(clock.pendingSleeps == 1)
                for _ in 1...3 { try await group.next() }
                #expect(woken.labels == [1, 2, 3])

                clock.advance(by: .seconds(1))
                try await group.waitForAll()
            }
        }
        #expect(woken.labels == [1, 2, 3, 4])
    }

    @Test("manual mode: equal deadlines wake in the order the sleeps began")
    func manualModeEqualDeadlinesWakeInRequestOrder() async throws {
        let clock = ManualClock(mode: .manual)
        let woken = WakeOrder()
        try await withTaskExecutorPreference(SerialTaskExecutor()) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for label in 1...5 {
                    group.addTask {
                        try await clock.sleep(for: .seconds(2))
                        woken.append(label)
                    }
                    try await clock.waitForSleepers(label)
                }
                clock.advance(by: .seconds(2))
                try await group.waitForAll()
            }
        }
        #expect(woken.labels == [1, 2, 3, 4, 5])
    }

    @Test("manual mode: cancelling a waiting sleep throws CancellationError at once")
    func cancellingAWaitingSleepThrows() async throws {
        let clock = ManualClock(mode: .manual)
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        try await clock.waitForSleepers(1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.pendingSleeps == 0)
        #expect(clock.now == ManualClock.Instant(offset: .zero))
    }

    @Test("a sleep in a cancelled task throws CancellationError and is not recorded",
          arguments: [ManualClock.Mode.advancing, .manual])
    func sleepInCancelledTaskThrows(mode: ManualClock.Mode) async throws {
        let clock = ManualClock(mode: mode)
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeps.isEmpty)
        #expect(clock.pendingSleeps == 0)
    }

    @Test("manual mode: a sleep started by a woken task within the advance wakes too, at its own deadline")
    func steppedSleepsWakeWithinOneAdvance() async throws {
        let clock = ManualClock(mode: .manual)
        let seen = WakeOrder()
        let countdown = Task {
            for _ in 1...5 {
                try await clock.sleep(for: .seconds(1))
                seen.append(Int(clock.now.offset.components.seconds))
            }
        }
        try await clock.waitForSleepers(1)
        clock.advance(by: .seconds(3))
        // The first three steps fall within the advance; the fourth waits for the next one.
        try await clock.waitForSleepers(1)
        #expect(seen.labels == [1, 2, 3])
        #expect(clock.now == ManualClock.Instant(offset: .seconds(3)))
        clock.advance(by: .seconds(2))
        try await countdown.value
        #expect(seen.labels == [1, 2, 3, 4, 5])
        #expect(clock.sleeps == Array(repeating: .seconds(1), count: 5))
    }

    @Test("manual mode: a stepped timer and a long sleep race as in real time")
    func steppedTimerBeatsLongSleep() async throws {
        let clock = ManualClock(mode: .manual)
        let woken = WakeOrder()
        let slow = Task {
            try await clock.sleep(for: .seconds(10))
            woken.append(10)
        }
        let timer = Task {
            for step in 1...5 {
                try await clock.sleep(until: ManualClock.Instant(offset: .seconds(step)))
            }
            woken.append(5)
        }
        try await clock.waitForSleepers(2)
        clock.advance(by: .seconds(5))
        try await timer.value
        #expect(woken.labels == [5])
        #expect(clock.pendingSleeps == 1)
        slow.cancel()
        await #expect(throws: CancellationError.self) { try await slow.value }
    }

    @Test("waitForSleepers throws CancellationError when its task is cancelled")
    func cancelledWaitForSleepersThrows() async throws {
        let clock = ManualClock(mode: .manual)
        let waiter = Task { try await clock.waitForSleepers(3) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(clock.awaitedSleepers == nil)
    }

    @Test("waitForSleepers returns once enough sleepers wait, and at once if they already do")
    func waitForSleepersReturnsOnceSleepersWait() async throws {
        let clock = ManualClock(mode: .manual)
        async let twoWaiting: Void = clock.waitForSleepers(2)
        let first = Task { try await clock.sleep(for: .seconds(1)) }
        let second = Task { try await clock.sleep(for: .seconds(2)) }
        try await twoWaiting
        #expect(clock.pendingSleeps == 2)
        try await clock.waitForSleepers(1)

        clock.advance(by: .seconds(2))
        try await first.value
        try await second.value
    }
}

/// Runs every job on one serial queue, first come first served, so that sleepers woken in
/// some order also run in that order: the order the clock woke them becomes observable.
private final class SerialTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "ManualClockTests.serial")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// The labels of woken sleepers, in the order they ran.
private final class WakeOrder: Sendable {
    private let log = Mutex<[Int]>([])

    var labels: [Int] { log.withLock { $0 } }

    func append(_ label: Int) {
        log.withLock { $0.append(label) }
    }
}
