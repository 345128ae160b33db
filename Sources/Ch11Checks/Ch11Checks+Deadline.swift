import LabChecks
import LabKit

extension Ch11Checks {
    static let deadlineHint = "runWithDeadline (Deadline.swift): "

    /// Work that sleeps `duration` on `clock`, recording what the store held when it started and
    /// whether its sleep was cancelled.
    static func sleepingWork(
        _ duration: Duration, on clock: ManualClock, store: RecordingStore,
        seen: Recorder<AgentTask?>, cancelled: Recorder<Bool>, then finish: @escaping @Sendable () throws -> String
    ) -> @Sendable (AgentTask) async throws -> String {
        { task in
            seen.append(await store.task(id: task.id))
            do {
                try await clock.sleep(for: duration)
            } catch {
                cancelled.append(error is CancellationError)
                throw error
            }
            return try finish()
        }
    }

    /// Fails unless the store held the task as running, its attempt counted, when the work began.
    static func expectRunningWhenWorkStarted(_ seen: Recorder<AgentTask?>, attempts: Int) throws {
        guard let stored = seen.all.first ?? nil else {
            throw CheckFailure("expected the task stored as running when the work started, got \(seen.count == 0 ? "a work that never started" : "no task in the store")")
        }
        try expect(stored.state, equals: .running, "stored state when the work started")
        try expect(stored.attempts, equals: attempts, "stored attempts when the work started")
    }

    static let deadline: [Check<Ch11Exercises>] = [
        unknownTask(
            id: "ch11.deadline.unknown-task",
            title: "An unknown task id throws taskNotFound(id:) without running the work or saving",
            exercise: deadlineHint,
            run: { exercises, id, store, now, work in
                try await exercises.runWithDeadline(id, .seconds(5), ManualClock(mode: .manual), store, now, work)
            }
        ),
        Check(
            id: "ch11.deadline.skips-completed",
            title: "A completed task returns its stored result at once; no work, no save, no timer left",
            points: 1,
            hint: deadlineHint + "run the task like exercise 2: a completed task returns its stored result before any "
                + "work or timer starts (building on executeTaskIfNotDone does it for you)."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let store = RecordingStore([fixtureTask("t1", .completed, result: "deployed", attempts: 1)])
            let calls = Recorder<String>()
            context.waiting(for: "runWithDeadline to return the stored result of a completed task, which needs no wait")
            let value = try await exercises.runWithDeadline("t1", .seconds(5), clock, store, context.now) { task in
                calls.append(task.id)
                return "deployed again"
            }
            try expect(value, equals: "deployed", "the returned result")
            try expect(calls.count, equals: 0, "calls to the work")
            try expect(await store.saved.count, equals: 0, "saves of a completed task")
            try expect(clock.pendingSleeps, equals: 0, "sleeps still waiting on the clock after it returned")
        },
        Check(
            id: "ch11.deadline.cancels-slow-work",
            title: "Work that outlives its deadline is cancelled, deadlineExceeded(deadline) is thrown, the task is saved failed",
            points: 3,
            hint: deadlineHint + "race the work against clock.sleep(for: deadline) in a task group; when the sleep wins, "
                + "cancel the work and throw LabError.deadlineExceeded(deadline), the task saved failed by the same "
                + "path as any error (exercise 2). The work here sleeps 10s on the clock, the deadline is 5s."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let (seen, cancelled) = (Recorder<AgentTask?>(), Recorder<Bool>())
            let work = sleepingWork(.seconds(10), on: clock, store: store, seen: seen, cancelled: cancelled) { "slow result" }
            let run = try await DeadlineRun(exercises, context, clock: clock, store: store, now: stamps.now,
                                            deadline: .seconds(5), work: work)
            clock.advance(by: .seconds(5))
            context.waiting(for: "runWithDeadline to throw once its 5s deadline had passed on the clock: does the timer "
                + "sleep for `deadline` on the clock it was given, and does its error end the run?")
            let error = try await run.error()
            guard case LabError.deadlineExceeded(let passed)? = error else {
                throw CheckFailure("expected LabError.deadlineExceeded once 5s had passed, got \(outcome(error))")
            }
            try expect(passed, equals: .seconds(5), "the deadline in the error (the one passed in)")
            if clock.pendingSleeps > 0 {
                throw CheckFailure("expected the work to be cancelled when the deadline passed, but after "
                    + "runWithDeadline threw, \(clock.pendingSleeps) sleep(s) still wait on the clock (the work's 10s sleep)")
            }
            // The work's 10s sleep is gone before its time: it was cancelled. Its own code may
            // still be unwinding in a task that runWithDeadline did not wait for.
            context.waiting(for: "the work to see its cancellation")
            while cancelled.count == 0 { await Task.yield() }
            try expect(cancelled.all, equals: [true], "cancellations the work saw (its sleep threw CancellationError)")
            try expectRunningWhenWorkStarted(seen, attempts: 1)
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .failed(attempts: 1, errorContaining: "deadline exceeded")])
        },
        Check(
            id: "ch11.deadline.not-before-deadline",
            title: "The work is not cut short: just before the deadline it is still running",
            points: 2,
            hint: deadlineHint + "the timer must sleep the whole `deadline` on the clock (in one sleep or in several "
                + "steps that add up to it), then end the run."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let store = RecordingStore([fixtureTask("t1")])
            let (seen, cancelled) = (Recorder<AgentTask?>(), Recorder<Bool>())
            let work = sleepingWork(.seconds(10), on: clock, store: store, seen: seen, cancelled: cancelled) { "slow result" }
            let run = try await DeadlineRun(exercises, context, clock: clock, store: store, now: context.now,
                                            deadline: .seconds(5), work: work)
            clock.advance(by: .seconds(5) - .milliseconds(1))
            context.waiting(for: "the work and the deadline timer to sleep on the clock again, 1ms before the deadline")
            if try await run.settles(sleepers: 2, on: clock) {
                let error = try await run.error()
                throw CheckFailure("expected the work to run until its 5s deadline, but runWithDeadline ended after "
                    + "4.999s on the clock with \(outcome(error))")
            }
            // Still running, as it should be: the check has seen what it needed.
            run.task.cancel()
        },
        Check(
            id: "ch11.deadline.fast-work-completes",
            title: "Work that beats its deadline completes, is saved completed, and the deadline timer is cancelled",
            points: 2,
            hint: deadlineHint + "when the work finishes first, cancel the timer (cancelAll) and return the work's "
                + "result; the task is saved completed as in exercise 2. The work here takes 3s of a 5s deadline."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let (seen, cancelled) = (Recorder<AgentTask?>(), Recorder<Bool>())
            let work = sleepingWork(.seconds(3), on: clock, store: store, seen: seen, cancelled: cancelled) { "quick result" }
            let run = try await DeadlineRun(exercises, context, clock: clock, store: store, now: stamps.now,
                                            deadline: .seconds(5), work: work)
            clock.advance(by: .seconds(3))
            context.waiting(for: "runWithDeadline to return once the work's 3s sleep ended: does it wait for the timer too?")
            let error = try await run.error()
            guard error == nil else {
                throw CheckFailure("expected the work's result \"quick result\", got \(outcome(error))")
            }
            try expect(try await run.task.value, equals: "quick result", "the returned result")
            try expect(clock.pendingSleeps, equals: 0, "sleeps still waiting on the clock after it returned (the timer)")
            try expectRunningWhenWorkStarted(seen, attempts: 1)
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .completed(attempts: 1, result: "quick result")])
        },
        Check(
            id: "ch11.deadline.work-error-passes-through",
            title: "An error of the work before the deadline comes through unchanged and is saved; the timer is cancelled",
            points: 1,
            hint: deadlineHint + "only the timer may throw deadlineExceeded: rethrow whatever the work threw, let the "
                + "task be saved failed with it, and cancel the timer."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let (seen, cancelled) = (Recorder<AgentTask?>(), Recorder<Bool>())
            let work = sleepingWork(.seconds(1), on: clock, store: store, seen: seen, cancelled: cancelled) {
                throw WorkError(reason: "health check returned 500")
            }
            let run = try await DeadlineRun(exercises, context, clock: clock, store: store, now: stamps.now,
                                            deadline: .seconds(5), work: work)
            clock.advance(by: .seconds(1))
            context.waiting(for: "runWithDeadline to throw the work's error, thrown 1s into a 5s deadline")
            let error = try await run.error()
            try expect(thrown: error, equals: WorkError(reason: "health check returned 500"), "the rethrown error")
            try expect(clock.pendingSleeps, equals: 0, "sleeps still waiting on the clock after it threw (the timer)")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .failed(attempts: 1, error: "health check returned 500")])
        },
        Check(
            id: "ch11.deadline.reruns-failed",
            title: "A failed task runs again as in exercise 2: attempts counted on top, old error cleared",
            points: 1,
            hint: deadlineHint + "run the task like exercise 2: every state but completed runs, with attempts += 1 and "
                + "error cleared on the running save (building on executeTaskIfNotDone does it for you)."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let original = fixtureTask("t1", .failed, error: "timeout", attempts: 1)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let (seen, cancelled) = (Recorder<AgentTask?>(), Recorder<Bool>())
            let work = sleepingWork(.seconds(1), on: clock, store: store, seen: seen, cancelled: cancelled) { "deployed" }
            let run = try await DeadlineRun(exercises, context, clock: clock, store: store, now: stamps.now,
                                            deadline: .seconds(5), work: work)
            clock.advance(by: .seconds(1))
            context.waiting(for: "runWithDeadline to return once the work's 1s sleep ended")
            let error = try await run.error()
            guard error == nil else { throw CheckFailure("expected the work's result \"deployed\", got \(outcome(error))") }
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 2), .completed(attempts: 2, result: "deployed")])
        },
    ]
}
