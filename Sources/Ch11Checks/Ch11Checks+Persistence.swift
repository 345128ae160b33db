import Foundation
import LabChecks
import LabKit
import LabKitSQLite

extension Ch11Checks {
    static let persistence: [Check<Ch11Exercises>] = [
        Check(
            id: "ch11.persistence.round-trip",
            title: "saveTasks then loadTasks gives back the same tasks",
            points: 2,
            hint: "Encode the array with JSONEncoder (dates as ISO 8601) and decode it the same way."
        ) { exercises, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            let tasks = [
                fixtureTask("a", .completed, result: "done", attempts: 1),
                fixtureTask("b", .failed, error: "timeout", attempts: 2),
                fixtureTask("c"),
            ]
            try exercises.saveTasks(tasks, file)
            let loaded = try exercises.loadTasks(file).sorted { $0.id < $1.id }
            try expect(loaded.map(\.id), equals: ["a", "b", "c"], "loaded task ids")
            for (original, copy) in zip(tasks, loaded) where original != copy {
                throw CheckFailure("expected task \(original.id) to load as saved: \(original), got \(copy)")
            }
        },
        Check(
            id: "ch11.persistence.missing-file",
            title: "loadTasks on a file that does not exist yet returns no tasks",
            points: 1,
            hint: "A first run has no tasks.json: treat a missing file as an empty list, and only that case."
        ) { exercises, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let loaded = try exercises.loadTasks(directory.file("tasks.json"))
            try expect(loaded.map(\.id), equals: [], "loaded task ids")
        },
        Check(
            id: "ch11.persistence.corrupt-file",
            title: "A corrupt tasks.json is an error, never an empty list, and is left untouched",
            points: 2,
            hint: "Only a missing file means no tasks. Throw StoreError.corrupt when decoding fails: "
                + "reading a corrupt file as empty lets the next save wipe every task."
        ) { exercises, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            let garbage = Data(#"[{"id": "a", "state": "comp"#.utf8)
            try garbage.write(to: file)
            let error = try await caughtError { _ = try exercises.loadTasks(file) }
            guard case StoreError.corrupt? = error else {
                throw CheckFailure("expected StoreError.corrupt for a truncated tasks.json, got \(outcome(error))")
            }
            try expect(try Data(contentsOf: file) == garbage, "expected the corrupt file to be left as it was, but it changed")
        },
        Check(
            id: "ch11.persistence.atomic-replace",
            title: "saveTasks replaces the file atomically: temp file, then rename",
            points: 3,
            hint: "Write the new JSON to a temporary file in the same directory, sync it, then rename it over "
                + "tasks.json. Writing in place leaves a half-written file if the process dies mid-write."
        ) { exercises, _ in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try exercises.saveTasks([fixtureTask("a")], file)
            let before = try Data(contentsOf: file)
            let oldFile = try FileHandle(forReadingFrom: file)
            defer { try? oldFile.close() }
            try exercises.saveTasks([fixtureTask("a"), fixtureTask("b")], file)
            try oldFile.seek(toOffset: 0)
            let throughOldHandle = try oldFile.readToEnd() ?? Data()
            try expect(throughOldHandle == before,
                       "expected a new file renamed over tasks.json, but the old file was rewritten in place")
            let others = try directory.contents().filter { $0 != "tasks.json" }
            try expect(others, equals: [], "files left beside tasks.json")
            try expect(try exercises.loadTasks(file).map(\.id).sorted(), equals: ["a", "b"], "loaded task ids")
        },
        Check(
            id: "ch11.persistence.restart-sees-state",
            title: "A new SQLite store on the same file sees every state the tasks reached",
            points: 2,
            hint: "Save every state change through the store you were given; keep nothing only in memory."
        ) { exercises, context in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("state.sqlite").path
            let first = try SQLiteStateStore(path: path)
            for id in ["a", "b", "c"] {
                try await first.save(fixtureTask(id))
            }
            _ = try await exercises.executeTaskIfNotDone("a", first, context.now) { _ in "A done" }
            _ = try await exercises.executeTaskIfNotDone("b", first, context.now) { _ in "B done" }
            _ = try await caughtError {
                _ = try await exercises.executeTaskIfNotDone("c", first, context.now) { _ in throw WorkError(reason: "C broke") }
            }
            let restarted = try SQLiteStateStore(path: path)
            let seen = try await restarted.allTasks().map { "\($0.id):\($0.state.rawValue):\($0.result ?? $0.error ?? "")" }
            try expect(seen, equals: ["a:completed:A done", "b:completed:B done", "c:failed:C broke"],
                       "tasks after a restart")
        },
        Check(
            id: "ch11.persistence.resume-after-crash",
            title: "After a crash and a restart, resuming repeats no completed step",
            points: 3,
            hint: "resumeTask on a completed step returns its stored result; only the step left running runs again."
        ) { exercises, context in
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let path = directory.file("tasks.json").path
            let effects = Recorder<String>()
            let work: @Sendable (AgentTask) async throws -> String = { task in
                effects.append(task.id)
                return "\(task.id) done"
            }
            let beforeCrash = JSONFileStateStore(path: path)
            for id in ["step-1", "step-2", "step-3"] {
                try await beforeCrash.save(fixtureTask(id))
            }
            _ = try await exercises.executeTaskIfNotDone("step-1", beforeCrash, context.now, work)
            _ = try await exercises.executeTaskIfNotDone("step-2", beforeCrash, context.now, work)
            // The process dies while step 3 runs: the store says running, nothing else happened.
            try await beforeCrash.save(fixtureTask("step-3", .running, attempts: 1))

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
