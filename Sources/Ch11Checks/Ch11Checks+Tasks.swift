import LabChecks
import LabKit

/// The error a check's work throws, to see it recorded and rethrown unchanged.
struct WorkError: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension Ch11Checks {
    static let idempotency: [Check<Ch11Exercises>] = [
        unknownTask(
            id: "ch11.idempotency.unknown-task",
            title: "An unknown task id throws taskNotFound without running the work",
            function: \.executeTaskIfNotDone
        ),
        Check(
            id: "ch11.idempotency.skips-completed",
            title: "A completed task returns its stored result and the work is not run",
            points: 3,
            hint: "When the stored state is completed, return the stored result before doing anything else."
        ) { exercises, context in
            let done = fixtureTask("t1", .completed, result: "deployed", attempts: 1)
            let store = RecordingStore([done])
            let calls = Recorder<String>()
            let value = try await exercises.executeTaskIfNotDone("t1", store, context.now) { task in
                calls.append(task.id)
                return "deployed again"
            }
            try expect(calls.count, equals: 0, "calls to the work")
            try expect(value, equals: "deployed", "the returned result")
            try expect(await store.saved.count, equals: 0, "saves of a completed task")
        },
        Check(
            id: "ch11.idempotency.running-before-work",
            title: "Saves the task as running, its attempt counted, before the work starts",
            points: 2,
            hint: "Save state .running (and count the attempt) before you call work, so a crash mid-work is visible."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let states = Recorder<String>()
            let attempts = Recorder<Int>()
            _ = try await exercises.executeTaskIfNotDone("t1", store, context.now) { _ in
                let stored = await store.task(id: "t1")
                states.append(stored?.state.rawValue ?? "nothing")
                attempts.append(stored?.attempts ?? 0)
                return "done"
            }
            try expect(states.all, equals: ["running"], "stored states while the work ran")
            try expect(attempts.all, equals: [1], "stored attempts while the work ran")
        },
        Check(
            id: "ch11.idempotency.completed-after-work",
            title: "After the work succeeds the task is completed with its result",
            points: 2,
            hint: "Save state .completed with the work's result after the work returns; return that result."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let value = try await exercises.executeTaskIfNotDone("t1", store, context.now) { task in
                "result of \(task.input)"
            }
            let stored = await store.task(id: "t1")
            try expect(value, equals: "result of input of t1", "the returned result")
            try expect(await store.savedStates(of: "t1"), equals: [.running, .completed], "saved states")
            try expect(stored?.result, equals: "result of input of t1", "the stored result")
            try expect(stored?.attempts, equals: 1, "stored attempts")
            try expect((stored?.updatedAt ?? fixtureDate) > fixtureDate,
                       "expected updatedAt to move past createdAt, got \(show(stored?.updatedAt))")
        },
        Check(
            id: "ch11.idempotency.failure-recorded",
            title: "A failing work is saved as failed with its message and the error is rethrown",
            points: 2,
            hint: "Catch the work's error, save state .failed with error: \"\\(error)\", then rethrow the same error."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let error = try await caughtError {
                _ = try await exercises.executeTaskIfNotDone("t1", store, context.now) { _ in
                    throw WorkError(reason: "disk full")
                }
            }
            try expect(error as? WorkError, equals: WorkError(reason: "disk full"), "the rethrown error")
            let stored = await store.task(id: "t1")
            try expect(stored?.state, equals: .failed, "stored state")
            try expect(stored?.error?.contains("disk full") == true,
                       "expected the stored error to contain \"disk full\", got \(show(stored?.error))")
        },
        Check(
            id: "ch11.idempotency.second-call-noop",
            title: "Calling it again after success does not run the work again",
            points: 3,
            hint: "The second call must find state .completed in the store and return the stored result."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1")])
            let calls = Recorder<String>()
            let work: @Sendable (AgentTask) async throws -> String = { task in
                "email sent #\(calls.append(task.id))"
            }
            let first = try await exercises.executeTaskIfNotDone("t1", store, context.now, work)
            let second = try await exercises.executeTaskIfNotDone("t1", store, context.now, work)
            try expect(calls.count, equals: 1, "calls to the work")
            try expect(second, equals: first, "the second result")
        },
    ]

    static let resume: [Check<Ch11Exercises>] = [
        unknownTask(
            id: "ch11.resume.unknown-task",
            title: "Resuming an unknown task id throws taskNotFound without running the work",
            function: \.resumeTask
        ),
        Check(
            id: "ch11.resume.failed-runs-again",
            title: "Resuming a failed task puts it back to pending, then runs it",
            points: 2,
            hint: "For a failed task: save state .pending, then execute it as exercise 2 does."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1", .failed, error: "timeout", attempts: 1)])
            let value = try await exercises.resumeTask("t1", store, context.now) { _ in "recovered" }
            try expect(value, equals: "recovered", "the returned result")
            try expect(await store.savedStates(of: "t1"), equals: [.pending, .running, .completed], "saved states")
        },
        Check(
            id: "ch11.resume.completed-untouched",
            title: "Resuming a completed task changes nothing and runs nothing",
            points: 2,
            hint: "A completed task is done: return its result without saving or calling work."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1", .completed, result: "done", attempts: 1)])
            let calls = Recorder<String>()
            let value = try await exercises.resumeTask("t1", store, context.now) { task in
                calls.append(task.id)
                return "again"
            }
            try expect(value, equals: "done", "the returned result")
            try expect(calls.count, equals: 0, "calls to the work")
            try expect(await store.saved.count, equals: 0, "saves")
        },
        Check(
            id: "ch11.resume.running-after-crash",
            title: "A task left running by a crash is executed again",
            points: 2,
            hint: "Nothing finished a task still marked running: run it again (attempts goes up)."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1", .running, attempts: 1)])
            let calls = Recorder<String>()
            let value = try await exercises.resumeTask("t1", store, context.now) { task in
                calls.append(task.id)
                return "finished"
            }
            try expect(value, equals: "finished", "the returned result")
            try expect(calls.count, equals: 1, "calls to the work")
            let stored = await store.task(id: "t1")
            try expect(stored?.state, equals: .completed, "stored state")
            try expect(stored?.attempts, equals: 2, "stored attempts")
        },
    ]
}

extension Ch11Checks {
    /// A check that `function` throws `LabError.taskNotFound` for an id the store does not hold,
    /// and never calls the work.
    static func unknownTask(
        id: String, title: String, function: KeyPath<Ch11Exercises, Ch11Exercises.TaskRun> & Sendable
    ) -> Check<Ch11Exercises> {
        Check(
            id: id,
            title: title,
            points: 1,
            hint: "Load the task first; when the store has none, throw LabError.taskNotFound(id:)."
        ) { exercises, context in
            let calls = Recorder<String>()
            let error = try await caughtError {
                _ = try await exercises[keyPath: function]("missing", MemoryStateStore(), context.now) { task in
                    calls.append(task.id)
                    return "done"
                }
            }
            guard case LabError.taskNotFound(let id)? = error else {
                throw CheckFailure("expected LabError.taskNotFound, got \(outcome(error))")
            }
            try expect(id, equals: "missing", "the id in the error")
            try expect(calls.count, equals: 0, "calls to the work")
        }
    }
}
