import LabChecks
import LabKit

extension Ch21Checks {
    static let step: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.step.unknown-task",
            title: "A step on an unknown task throws taskNotFound and does not run the body",
            points: 1,
            hint: "Load the task first; when the store has none, throw LabError.taskNotFound(id:) before calling the body."
        ) { exercises, _ in
            let step = exercises.makeStepper(RecordingStore())
            let calls = Recorder<String>()
            let error = try await caughtError {
                _ = try await step("missing") { task in calls.append(task.id) }
            }
            guard case LabError.taskNotFound(let id)? = error else {
                throw CheckFailure("expected LabError.taskNotFound, got \(outcome(error))")
            }
            try expect(id, equals: "missing", "the id in the error")
            try expect(calls.count, equals: 0, "calls to the body")
        },
        Check(
            id: "ch21.step.saves-changes",
            title: "A step that returns saves the changed task once and returns it",
            points: 2,
            hint: "Run the body on the loaded task (inout), then save it once and return what you saved."
        ) { exercises, _ in
            let store = RecordingStore([fixtureTask("t1")])
            let step = exercises.makeStepper(store)
            let returned = try await step("t1") { task in
                task.state = .running
                task.attempts += 1
            }
            var expected = fixtureTask("t1", .running, attempts: 1)
            expected.updatedAt = returned.updatedAt
            try expect(returned, equals: expected, "the returned task")
            try expect(await store.saved, equals: [returned], "the saves")
        },
        Check(
            id: "ch21.step.failure-changes-nothing",
            title: "A step whose body throws rethrows its error and leaves the stored task exactly as it was",
            points: 3,
            hint: "Change a copy and save only after the body returned: no save before the body, none when it throws."
        ) { exercises, _ in
            let original = fixtureTask("t1", .running, attempts: 2)
            let store = RecordingStore([original])
            let step = exercises.makeStepper(store)
            let error = try await caughtError {
                _ = try await step("t1") { task in
                    task.state = .completed
                    task.result = "half done"
                    throw StepError(reason: "tool crashed")
                }
            }
            try expect(thrown: error, equals: StepError(reason: "tool crashed"), "the rethrown error")
            try expect(await store.saved.count, equals: 0, "saves")
            try expect(await store.task(id: "t1"), equals: original, "the stored task")
        },
        Check(
            id: "ch21.step.same-task-in-turn",
            title: "Two steps on one task never interleave: the second starts after the first saved, and sees its change",
            points: 3,
            hint: "An actor is re-entered at every await: hold a lock per task id from the load to the save, and make the second step wait for it."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let step = exercises.makeStepper(store)
            let clock = context.clock(.manual)
            let seen = Recorder<Int>()
            let first = try await start({
                try await step("t1") { task in
                    seen.append(task.attempts)
                    try await clock.sleep(for: .seconds(1))
                    task.attempts += 1
                }.id
            }, thenWaitFor: 1, sleepsOn: clock)
            let second = Task {
                try await step("t1") { task in
                    seen.append(task.attempts)
                    task.attempts += 1
                }
            }
            // Let the second step run as far as it can while the first one waits.
            for _ in 0..<500 { await Task.yield() }
            try expect(seen.all, equals: [0], "attempts seen by the bodies while the first step waits")
            clock.advance(by: .seconds(1))
            _ = try await first.value
            let last = try await second.value
            try expect(seen.all, equals: [0, 1], "attempts seen by the two bodies")
            try expect(last.attempts, equals: 2, "attempts after both steps")
            try expect(await store.task(id: "t1")?.attempts, equals: 2, "stored attempts")
        },
        Check(
            id: "ch21.step.other-tasks-run",
            title: "A step on another task does not wait for a step that is still running",
            points: 2,
            hint: "Lock per task id, not the whole stepper: a step on t2 must not wait for one on t1."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1"), fixtureTask("t2")])
            let step = exercises.makeStepper(store)
            let clock = context.clock(.manual)
            let slow = try await start({
                try await step("t1") { _ in try await clock.sleep(for: .seconds(60)) }.id
            }, thenWaitFor: 1, sleepsOn: clock)
            context.waiting(for: "a step on t2 to finish while a step on t1 waits: does every step wait for one lock?")
            let other = try await step("t2") { task in task.result = "quick" }
            context.waiting(for: nil)
            try expect(other.result, equals: "quick", "t2's result")
            clock.advance(by: .seconds(60))
            _ = try await slow.value
        },
        Check(
            id: "ch21.step.failure-unlocks",
            title: "After a step throws, the next step on the same task runs",
            points: 2,
            hint: "Release the task's lock on every way out of step, the error included (defer)."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let step = exercises.makeStepper(store)
            _ = try await caughtError {
                _ = try await step("t1") { _ in throw StepError(reason: "first fails") }
            }
            context.waiting(for: "the second step on t1, after the first one threw: is the lock released on error?")
            let after = try await step("t1") { task in task.result = "second ran" }
            try expect(after.result, equals: "second ran", "the second step's result")
        },
    ]
}
