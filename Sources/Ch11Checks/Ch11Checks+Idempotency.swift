import LabChecks
import LabKit
import LabKitSQLite

extension Ch11Checks {
    static let idempotencyHint = "executeTaskIfNotDone (Idempotency.swift): "

    static let idempotency: [Check<Ch11Exercises>] = [
        unknownTask(
            id: "ch11.idempotency.unknown-task",
            title: "An unknown task id throws taskNotFound(id:) without running the work or saving",
            exercise: idempotencyHint,
            run: { exercises, id, store, now, work in try await exercises.executeTaskIfNotDone(id, store, now, work) }
        ),
        Check(
            id: "ch11.idempotency.skips-completed",
            title: "A completed task returns its stored result; the work is not run and nothing is saved",
            points: 3,
            hint: idempotencyHint + "when the stored state is completed, return the stored result before doing anything else."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("t1", .completed, result: "deployed", attempts: 1)])
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
            title: "Saves the task as running, its attempt counted and stamped, before the work starts",
            points: 2,
            hint: idempotencyHint + "save state .running, attempts + 1 and updatedAt: now() before you call work, so that a "
                + "crash mid-work is visible in the store."
        ) { exercises, context in
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let seen = Recorder<AgentTask?>()
            _ = try await exercises.executeTaskIfNotDone("t1", store, stamps.now) { _ in
                seen.append(await store.task(id: "t1"))
                return "done"
            }
            let stored = seen.all.first ?? nil
            try expect(seen.count, equals: 1, "calls to the work")
            guard let stored else { throw CheckFailure("expected the task in the store while the work ran, got nothing") }
            try expectSaves([stored], of: original, stampedBy: stamps, [.running(attempts: 1)])
        },
        Check(
            id: "ch11.idempotency.completed-after-work",
            title: "After the work succeeds the task is saved completed, with its result, each save freshly stamped",
            points: 2,
            hint: idempotencyHint + "after the work returns, save state .completed with the work's result and a new "
                + "updatedAt: now() (a second call, not the first one's date); keep attempts, createdAt and input."
        ) { exercises, context in
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let value = try await exercises.executeTaskIfNotDone("t1", store, stamps.now) { task in
                "result of \(task.input)"
            }
            try expect(value, equals: "result of input of t1", "the returned result")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .completed(attempts: 1, result: "result of input of t1")])
        },
        Check(
            id: "ch11.idempotency.failure-recorded",
            title: "A failing work is saved failed with error \"\\(error)\", and that same error is rethrown",
            points: 2,
            hint: idempotencyHint + "catch the work's error, save state .failed with error: \"\\(error)\" and a fresh "
                + "updatedAt, then rethrow the same error (not a new one, not a wrapped one)."
        ) { exercises, context in
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let error = try await caughtError {
                _ = try await exercises.executeTaskIfNotDone("t1", store, stamps.now) { _ in
                    throw WorkError(reason: "disk full")
                }
            }
            try expect(thrown: error, equals: WorkError(reason: "disk full"), "the rethrown error")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .failed(attempts: 1, error: "disk full")])
        },
        Check(
            id: "ch11.idempotency.reruns-failed",
            title: "A failed task runs again: running with attempts + 1 and its old error cleared, then completed",
            points: 2,
            hint: idempotencyHint + "every state but completed runs the work. Count the attempt on top of the stored "
                + "attempts (attempts += 1, not = 1), and clear error when you save it running."
        ) { exercises, context in
            let original = fixtureTask("t1", .failed, error: "timeout", attempts: 2)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let value = try await exercises.executeTaskIfNotDone("t1", store, stamps.now) { _ in "deployed" }
            try expect(value, equals: "deployed", "the returned result")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 3), .completed(attempts: 3, result: "deployed")])
        },
        Check(
            id: "ch11.idempotency.reruns-running",
            title: "A task left running runs again: running with attempts + 1, then completed",
            points: 1,
            hint: idempotencyHint + "only completed skips the work; a task stored as running (a crash interrupted it) "
                + "runs like a pending one, its attempt counted on top of the stored ones."
        ) { exercises, context in
            let original = fixtureTask("t1", .running, attempts: 1)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let value = try await exercises.executeTaskIfNotDone("t1", store, stamps.now) { _ in "deployed" }
            try expect(value, equals: "deployed", "the returned result")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 2), .completed(attempts: 2, result: "deployed")])
        },
        Check(
            id: "ch11.idempotency.second-call-noop",
            title: "Calling it again after success does not run the work again",
            points: 3,
            hint: idempotencyHint + "the second call must find state .completed in the store and return the stored result."
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
        Check(
            id: "ch11.idempotency.restart-sees-state",
            title: "A new SQLite store on the same file sees every state the tasks reached",
            points: 2,
            hint: idempotencyHint + "save every state change through the store you were given; keep nothing only in memory."
        ) { exercises, context in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let path = directory.file("state.sqlite").path
            let first = try kit("open a SQLite store") { try SQLiteStateStore(path: path) }
            for id in ["a", "b", "c"] {
                try await kitAwaiting("save task \(id) in the SQLite store") { try await first.save(fixtureTask(id)) }
            }
            _ = try await exercises.executeTaskIfNotDone("a", first, context.now) { _ in "A done" }
            _ = try await exercises.executeTaskIfNotDone("b", first, context.now) { _ in "B done" }
            _ = try await caughtError {
                _ = try await exercises.executeTaskIfNotDone("c", first, context.now) { _ in throw WorkError(reason: "C broke") }
            }
            let restarted = try kit("open the SQLite store again") { try SQLiteStateStore(path: path) }
            let tasks = try await kitAwaiting("read the tasks back") { try await restarted.allTasks() }
            let seen = tasks.map { "\($0.id):\($0.state.rawValue):\($0.result ?? $0.error ?? "")" }
            try expect(seen, equals: ["a:completed:A done", "b:completed:B done", "c:failed:C broke"],
                       "tasks after a restart")
        },
    ]
}

extension Ch11Checks {
    /// Runs one of the task exercises with the arguments a check chooses.
    typealias TaskExercise = @Sendable (
        Ch11Exercises, String, any StateStore, @escaping Now, @escaping @Sendable (AgentTask) async throws -> String
    ) async throws -> String

    /// A check that `run` throws `LabError.taskNotFound` naming an id the store does not hold,
    /// and neither calls the work nor saves anything.
    static func unknownTask(id: String, title: String, exercise hint: String, run: @escaping TaskExercise) -> Check<Ch11Exercises> {
        Check(
            id: id,
            title: title,
            points: 1,
            hint: hint + "load the task first; when the store has none, throw LabError.taskNotFound(id:) with that id."
        ) { exercises, context in
            let store = RecordingStore([fixtureTask("other")])
            let calls = Recorder<String>()
            let error = try await caughtError {
                _ = try await run(exercises, "missing", store, context.now) { task in
                    calls.append(task.id)
                    return "done"
                }
            }
            guard case LabError.taskNotFound(let id)? = error else {
                throw CheckFailure("expected LabError.taskNotFound for the id \"missing\", got \(outcome(error))")
            }
            try expect(id, equals: "missing", "the id in the error")
            try expect(calls.count, equals: 0, "calls to the work")
            try expect(await store.saved.map(\.id), equals: [], "ids saved")
        }
    }
}
