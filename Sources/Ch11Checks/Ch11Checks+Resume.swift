import LabChecks
import LabKit

extension Ch11Checks {
    static let resumeHint = "resumeTask (Resume.swift): "
    /// Resume hands every unfinished task to exercise 2: when its checks fail too, fix them first.
    static let reuseHint = " resumeTask runs the task through your executeTaskIfNotDone: if ch11.idempotency checks "
        + "fail as well, fix exercise 2 first."

    static let resume: [Check<Ch11Exercises>] = [
        unknownTask(
            id: "ch11.resume.unknown-task",
            title: "Resuming an unknown task id throws taskNotFound(id:) without running the work or saving",
            exercise: resumeHint,
            run: { exercises, id, store, now, work in try await exercises.resumeTask(id, store, now, work) }
        ),
        Check(
            id: "ch11.resume.completed-untouched",
            title: "Resuming a completed task returns its result; nothing is saved and nothing runs",
            points: 2,
            hint: resumeHint + "a completed task is done: return its stored result without saving or calling work."
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
            id: "ch11.resume.failed-runs-again",
            title: "Resuming a failed task saves it pending (attempts kept, freshly stamped), then runs it",
            points: 2,
            hint: resumeHint + "for a failed task, save state .pending with updatedAt: now() and its attempts unchanged, "
                + "then run it as exercise 2 does (running, attempts + 1, then completed)." + reuseHint
        ) { exercises, context in
            let original = fixtureTask("t1", .failed, error: "timeout", attempts: 1)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let value = try await exercises.resumeTask("t1", store, stamps.now) { _ in "recovered" }
            try expect(value, equals: "recovered", "the returned result")
            try expectSaves(await store.saved, of: original, stampedBy: stamps, [
                .pending(attempts: 1), .running(attempts: 2), .completed(attempts: 2, result: "recovered"),
            ])
        },
        Check(
            id: "ch11.resume.failure-rethrown",
            title: "A resumed task whose work fails again is saved failed, and the work's error is rethrown",
            points: 1,
            hint: resumeHint + "let the error of the run come through unchanged: do not catch it to return something else."
                + reuseHint
        ) { exercises, context in
            let original = fixtureTask("t1", .failed, error: "timeout", attempts: 1)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let error = try await caughtError {
                _ = try await exercises.resumeTask("t1", store, stamps.now) { _ in throw WorkError(reason: "timeout again") }
            }
            try expect(thrown: error, equals: WorkError(reason: "timeout again"), "the rethrown error")
            try expectSaves(await store.saved, of: original, stampedBy: stamps, [
                .pending(attempts: 1), .running(attempts: 2), .failed(attempts: 2, error: "timeout again"),
            ])
        },
        Check(
            id: "ch11.resume.running-after-crash",
            title: "A task left running by a crash runs again, straight from running (no pending save)",
            points: 2,
            hint: resumeHint + "nothing finished a task still marked running: run it again as exercise 2 does "
                + "(attempts goes up). Only a failed task is saved pending first." + reuseHint
        ) { exercises, context in
            let original = fixtureTask("t1", .running, attempts: 1)
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let calls = Recorder<String>()
            let value = try await exercises.resumeTask("t1", store, stamps.now) { task in
                calls.append(task.id)
                return "finished"
            }
            try expect(value, equals: "finished", "the returned result")
            try expect(calls.count, equals: 1, "calls to the work")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 2), .completed(attempts: 2, result: "finished")])
        },
        Check(
            id: "ch11.resume.pending-runs",
            title: "Resuming a pending task runs it",
            points: 1,
            hint: resumeHint + "a pending task has not started: run it as exercise 2 does." + reuseHint
        ) { exercises, context in
            let original = fixtureTask("t1")
            let store = RecordingStore([original])
            let stamps = Stamps(context)
            let value = try await exercises.resumeTask("t1", store, stamps.now) { _ in "first run" }
            try expect(value, equals: "first run", "the returned result")
            try expectSaves(await store.saved, of: original, stampedBy: stamps,
                            [.running(attempts: 1), .completed(attempts: 1, result: "first run")])
        },
        Check(
            id: "ch11.resume.after-crash",
            title: "After a crash and a restart on tasks.json, resuming repeats no completed step",
            points: 3,
            hint: resumeHint + "a completed step returns its stored result; only the step left running runs again."
                + reuseHint
        ) { exercises, context in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let path = directory.file("tasks.json").path
            let effects = Recorder<String>()
            let work: @Sendable (AgentTask) async throws -> String = { task in
                effects.append(task.id)
                return "\(task.id) done"
            }
            let beforeCrash = JSONFileStateStore(path: path)
            for id in ["step-1", "step-2", "step-3"] {
                try await kitAwaiting("save \(id) in tasks.json") { try await beforeCrash.save(fixtureTask(id)) }
            }
            _ = try await exercises.executeTaskIfNotDone("step-1", beforeCrash, context.now, work)
            _ = try await exercises.executeTaskIfNotDone("step-2", beforeCrash, context.now, work)
            // The process dies while step 3 runs: the store says running, nothing else happened.
            try await kitAwaiting("save step-3 as running") {
                try await beforeCrash.save(fixtureTask("step-3", .running, attempts: 1))
            }

            let afterRestart = JSONFileStateStore(path: path)
            var results: [String] = []
            for id in ["step-1", "step-2", "step-3"] {
                results.append(try await exercises.resumeTask(id, afterRestart, context.now, work))
            }
            try expect(effects.all, equals: ["step-1", "step-2", "step-3"], "side effects across the crash")
            try expect(results, equals: ["step-1 done", "step-2 done", "step-3 done"], "results after resuming")
        },
    ]
}
