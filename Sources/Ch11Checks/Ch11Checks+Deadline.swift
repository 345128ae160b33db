import LabChecks
import LabKit

extension Ch11Checks {
    static let deadline: [Check<Ch11Exercises>] = [
        Check(
            id: "ch11.deadline.cancels-slow-work",
            title: "Work that outlives its deadline is cancelled, throws deadlineExceeded and is saved failed",
            points: 3,
            hint: "Race the work against clock.sleep(for: deadline) in a task group; when the sleep wins, "
                + "cancel the group and throw LabError.deadlineExceeded. The work here sleeps 10s on the clock."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let store = RecordingStore([fixtureTask("t1")])
            let cancelled = Recorder<Bool>()
            let run = try await start({
                try await exercises.runWithDeadline("t1", .seconds(5), clock, store, context.now) { _ in
                    do {
                        try await clock.sleep(for: .seconds(10))
                        return "slow result"
                    } catch {
                        cancelled.append(error is CancellationError)
                        throw error
                    }
                }
            }, thenWaitFor: 2, sleepsOn: clock)
            clock.advance(by: .seconds(5))
            let error = try await caughtError { _ = try await run.value }
            guard case LabError.deadlineExceeded? = error else {
                throw CheckFailure("expected LabError.deadlineExceeded, got \(outcome(error))")
            }
            try expect(cancelled.all, equals: [true], "the work to see cancellation")
            let stored = await store.task(id: "t1")
            try expect(stored?.state, equals: .failed, "stored state")
            try expect(stored?.error?.contains("deadline exceeded") == true,
                       "expected the stored error to say \"deadline exceeded\", got \(show(stored?.error))")
        },
        Check(
            id: "ch11.deadline.fast-work-completes",
            title: "Work that beats its deadline completes, and the deadline timer is cancelled",
            points: 2,
            hint: "When the work finishes first, cancel the timer (cancelAll) and return the work's result."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let store = RecordingStore([fixtureTask("t1")])
            let run = try await start({
                try await exercises.runWithDeadline("t1", .seconds(5), clock, store, context.now) { _ in
                    try await clock.sleep(for: .seconds(2))
                    return "quick result"
                }
            }, thenWaitFor: 2, sleepsOn: clock)
            clock.advance(by: .seconds(2))
            let value = try await run.value
            try expect(value, equals: "quick result", "the returned result")
            try expect(await store.task(id: "t1")?.state, equals: .completed, "stored state")
            try expect(clock.pendingSleeps, equals: 0, "sleeps still waiting on the clock")
        },
        Check(
            id: "ch11.deadline.work-error-passes-through",
            title: "An error of the work before the deadline comes through unchanged, not as deadlineExceeded",
            points: 1,
            hint: "Only the timer may throw deadlineExceeded: rethrow whatever the work threw, and let the task be saved failed with it."
        ) { exercises, context in
            let clock = context.clock(.manual)
            let store = RecordingStore([fixtureTask("t1")])
            let run = try await start({
                try await exercises.runWithDeadline("t1", .seconds(5), clock, store, context.now) { _ in
                    try await clock.sleep(for: .seconds(1))
                    throw WorkError(reason: "health check returned 500")
                }
            }, thenWaitFor: 2, sleepsOn: clock)
            clock.advance(by: .seconds(1))
            let error = try await caughtError { _ = try await run.value }
            try expect(error as? WorkError, equals: WorkError(reason: "health check returned 500"), "the rethrown error")
            let stored = await store.task(id: "t1")
            try expect(stored?.state, equals: .failed, "stored state")
            try expect(stored?.error?.contains("health check returned 500") == true,
                       "expected the stored error to carry the work's message, got \(show(stored?.error))")
        },
    ]
}
