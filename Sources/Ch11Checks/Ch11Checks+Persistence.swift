import Foundation
import LabChecks
import LabKit

extension Ch11Checks {
    static let saveHint = "saveTasks (Persistence.swift): "
    static let loadHint = "loadTasks (Persistence.swift): "

    static let persistence: [Check<Ch11Exercises>] = [
        Check(
            id: "ch11.persistence.round-trip",
            title: "saveTasks then loadTasks gives back the same tasks, field for field",
            points: 2,
            hint: saveHint + "encode the array with JSONEncoder and decode it with a JSONDecoder that uses the same "
                + "date strategy; every field of AgentTask must survive."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            let tasks = [
                fixtureTask("a", .completed, result: "deployed \"app\" — ünïcode ✓", attempts: 1),
                fixtureTask("b", .failed, error: "timeout\nafter 30s", attempts: 2),
                fixtureTask("c", .running, attempts: 3),
                AgentTask(id: "d", input: "", createdAt: fixtureDate, updatedAt: fixtureDate.addingTimeInterval(90)),
            ]
            try exercises.saveTasks(tasks, file)
            let loaded = try exercises.loadTasks(file)
            try expectSameTasks(loaded, as: tasks, datesWithin: 0)
        },
        Check(
            id: "ch11.persistence.fractional-seconds",
            title: "Dates with fractional seconds read back to the millisecond",
            points: 2,
            hint: saveHint + "JSONEncoder's .iso8601 keeps whole seconds only. Keep the default .deferredToDate, or "
                + "write ISO 8601 with fractional seconds (Date.ISO8601FormatStyle(includingFractionalSeconds: true)) "
                + "in a .custom strategy, and decode the same way."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            let tasks = [
                AgentTask(id: "a", input: "input of a", createdAt: fixtureDate.addingTimeInterval(0.25),
                          updatedAt: fixtureDate.addingTimeInterval(61.123_456)),
                AgentTask(id: "b", input: "input of b", state: .completed, result: "done", attempts: 1,
                          createdAt: fixtureDate.addingTimeInterval(0.0015),
                          updatedAt: fixtureDate.addingTimeInterval(3599.9996)),
            ]
            try exercises.saveTasks(tasks, file)
            let loaded = try exercises.loadTasks(file)
            try expectSameTasks(loaded, as: tasks, datesWithin: 0.001)
        },
        Check(
            id: "ch11.persistence.missing-file",
            title: "loadTasks on a file that does not exist yet returns no tasks",
            points: 1,
            hint: loadHint + "a first run has no tasks.json: a missing file means an empty list, and only a missing file."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let loaded = try exercises.loadTasks(directory.file("tasks.json"))
            try expect(loaded.map(\.id), equals: [], "loaded task ids")
        },
        corruptFile(
            id: "ch11.persistence.empty-file",
            title: "An empty tasks.json is corrupt, not an empty list, and is left untouched",
            hint: loadHint + "an empty file exists, so it is not \"no tasks yet\": it does not decode, so throw "
                + "StoreError.corrupt(path:reason:). Only a missing file means no tasks.",
            points: 1,
            content: Data(),
            described: "an empty tasks.json"
        ),
        corruptFile(
            id: "ch11.persistence.corrupt-file",
            title: "A corrupt tasks.json is an error, never an empty list, and is left untouched",
            hint: loadHint + "throw StoreError.corrupt(path: file.path, reason:) when decoding fails, and leave the file "
                + "alone: reading a corrupt file as empty lets the next save wipe every task.",
            points: 2,
            content: Data(#"[{"id": "a", "state": "comp"#.utf8),
            described: "a truncated tasks.json"
        ),
        Check(
            id: "ch11.persistence.unreadable-path",
            title: "A tasks.json that cannot be read (a folder at that path) throws StoreError.io, not an empty list",
            points: 1,
            hint: loadHint + "only a path where nothing exists means no tasks. Something there that cannot be read "
                + "throws StoreError.io(path: file.path, reason:); do not turn every read error into []."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try kit("make a folder named tasks.json") {
                try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
            }
            let error = try await caughtError { _ = try exercises.loadTasks(file) }
            guard case StoreError.io(let path, _)? = error else {
                throw CheckFailure("expected StoreError.io for a folder where tasks.json should be, got \(outcome(error))")
            }
            try expectPath(path, names: file)
        },
        Check(
            id: "ch11.persistence.atomic-replace",
            title: "saveTasks puts a new file in place of tasks.json: the old file is never rewritten",
            points: 3,
            hint: saveHint + "write the new JSON to a temporary file in the same directory, sync it, then rename it over "
                + "tasks.json. Writing into tasks.json leaves a half-written file if the process dies mid-write."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try exercises.saveTasks([fixtureTask("a")], file)
            let before = try savedContent(of: file)
            let oldFile = try kit("open tasks.json") { try FileHandle(forReadingFrom: file) }
            defer { try? oldFile.close() }
            try exercises.saveTasks([fixtureTask("a"), fixtureTask("b")], file)
            let throughOldHandle = try kit("read the old tasks.json") { () throws -> Data in
                try oldFile.seek(toOffset: 0)
                return try oldFile.readToEnd() ?? Data()
            }
            try expect(throughOldHandle == before,
                       "expected a new file renamed over tasks.json, but the old file was rewritten in place")
            try expect(try exercises.loadTasks(file).map(\.id).sorted(), equals: ["a", "b"], "loaded task ids")
        },
        Check(
            id: "ch11.persistence.renamed-into-place",
            title: "tasks.json only ever arrives by renaming a temporary file from its own folder over it",
            points: 2,
            hint: saveHint + "make the temporary file in file's own folder (file.deletingLastPathComponent()), not in "
                + "FileManager.default.temporaryDirectory: a rename is atomic only within one file system, and a "
                + "rename from another folder may not be one. Never create or write tasks.json through its own name."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            for (save, tasks) in [("the first save", [fixtureTask("a")]), ("the second save", [fixtureTask("a"), fixtureTask("b")])] {
                guard let events = try DirectoryEvents.watching(directory.url, during: { try exercises.saveTasks(tasks, file) })
                else { return }
                switch events.arrival(of: "tasks.json") {
                case .renamed:
                    continue
                case .writtenInPlace:
                    throw CheckFailure("expected \(save) to rename a temporary file over tasks.json, but it created "
                        + "or wrote tasks.json through its own name")
                case .movedInFromElsewhere:
                    throw CheckFailure("expected \(save) to rename a temporary file from tasks.json's own folder, but "
                        + "tasks.json was moved in from another folder")
                case .none:
                    throw CheckFailure("expected \(save) to rename a new file over tasks.json, but nothing arrived "
                        + "under that name")
                }
            }
        },
        Check(
            id: "ch11.persistence.never-missing",
            title: "While saveTasks replaces tasks.json, a reader always finds a tasks.json (old or new)",
            points: 2,
            hint: saveHint + "rename the temporary file straight over tasks.json: rename replaces the old file in one "
                + "step. Removing (or moving away) the old file first leaves a moment with no tasks.json, and a crash "
                + "then loses every task."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try exercises.saveTasks([fixtureTask("a")], file)
            _ = try savedContent(of: file)
            let saving = { try exercises.saveTasks([fixtureTask("a"), fixtureTask("b")], file) }
            guard let events = try DirectoryEvents.watching(directory.url, during: saving) else { return }
            if let removal = events.removal(of: "tasks.json") {
                throw CheckFailure("expected tasks.json to be replaced in one rename, but the old one was "
                    + "\(removal.kind == .deleted ? "deleted" : "moved away") before the new one was in place")
            }
        },
        Check(
            id: "ch11.persistence.no-temporary-left",
            title: "After each save, no temporary file (a second copy of the JSON just written) is left in the folder",
            points: 1,
            hint: saveHint + "rename the temporary file, do not copy it; if a save fails, remove it. Files you keep on "
                + "purpose that hold something else, such as a backup of the previous tasks.json, are fine."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            for (save, tasks) in [("the first save", [fixtureTask("a")]), ("the second save", [fixtureTask("a"), fixtureTask("b")])] {
                try exercises.saveTasks(tasks, file)
                let written = try savedContent(of: file)
                let names = try kit("list the folder") { try directory.contents() }.filter { $0 != "tasks.json" }
                for name in names {
                    let content = try kit("read \(name)") { try Data(contentsOf: directory.file(name)) }
                    if content == written {
                        throw CheckFailure("expected no temporary file after \(save), but \(name) holds the same JSON "
                            + "as tasks.json: a temporary copy left behind")
                    }
                }
            }
        },
        Check(
            id: "ch11.persistence.failed-save-cleans-up",
            title: "A save that cannot replace tasks.json throws StoreError.io and leaves no temporary file",
            points: 1,
            hint: saveHint + "when a step of the save fails (here the rename: a folder stands where tasks.json should "
                + "be), remove the temporary file you made and throw StoreError.io(path:reason:)."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try kit("put a folder where tasks.json should be") {
                try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
                try Data("keep".utf8).write(to: file.appendingPathComponent("keep.txt"))
            }
            let marker = "the save that cannot happen"
            let tasks = [AgentTask(id: "a", input: marker, createdAt: fixtureDate)]
            let error = try await caughtError { try exercises.saveTasks(tasks, file) }
            guard case StoreError.io? = error else {
                throw CheckFailure("expected StoreError.io when a folder stands where tasks.json should be, got \(outcome(error))")
            }
            for name in try kit("list the folder") { try directory.contents() } where name != "tasks.json" {
                let path = directory.file(name)
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder), !isFolder.boolValue
                else { continue }
                let content = try kit("read \(name)") { try Data(contentsOf: path) }
                if String(decoding: content, as: UTF8.self).contains(marker) {
                    throw CheckFailure("expected no temporary file after the failed save, but \(name) holds the JSON it "
                        + "tried to write")
                }
            }
        },
        Check(
            id: "ch11.persistence.closes-files",
            title: "saveTasks and loadTasks close every file they open",
            points: 1,
            hint: "saveTasks and loadTasks (Persistence.swift): close each FileHandle you open, on every path "
                + "(defer { try? handle.close() }), or use Data(contentsOf:) and Data.write, which close for you. "
                + "A descriptor left open per save runs the process out of them."
        ) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            for round in 1...5 {
                try exercises.saveTasks((1...round).map { fixtureTask("t\($0)") }, file)
                _ = try exercises.loadTasks(file)
            }
            guard let open = try openFiles(under: directory.url) else { return }
            let names = open.map { URL(fileURLWithPath: $0).lastPathComponent }
            try expect(open.isEmpty, "expected no file left open after 5 saves and 5 loads, but \(open.count) "
                + "still \(open.count == 1 ? "is" : "are"): \(names)")
        },
    ]
}

extension Ch11Checks {
    /// A check that `loadTasks` throws `StoreError.corrupt` naming the file for `content`, and
    /// leaves the file as it was.
    static func corruptFile(
        id: String, title: String, hint: String, points: Int, content: Data, described: String
    ) -> Check<Ch11Exercises> {
        Check(id: id, title: title, points: points, hint: hint) { exercises, _ in
            let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
            defer { directory.remove() }
            let file = directory.file("tasks.json")
            try kit("write \(described)") { try content.write(to: file) }
            let error = try await caughtError { _ = try exercises.loadTasks(file) }
            guard case StoreError.corrupt(let path, _)? = error else {
                throw CheckFailure("expected StoreError.corrupt for \(described), got \(outcome(error))")
            }
            try expectPath(path, names: file)
            let after = try? Data(contentsOf: file)
            try expect(after == content, "expected \(described) to be left as it was, but it "
                + (after == nil ? "is gone" : "changed"))
        }
    }

    /// Reads what a save left in `file`, failing the check (not the kit) when there is nothing.
    static func savedContent(of file: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw CheckFailure("expected saveTasks to leave the tasks in \(file.lastPathComponent), but there is no such file")
        }
        return try kit("read \(file.lastPathComponent)") { try Data(contentsOf: file) }
    }

    /// Fails unless `path`, as an error carries it, names `file`.
    static func expectPath(_ path: String, names file: URL) throws {
        let named = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard named == file.resolvingSymlinksInPath().path else {
            throw CheckFailure("expected the error's path to be the file's path \(show(file.path)), got \(show(path))")
        }
    }

    /// Fails unless `loaded` holds the same tasks as `saved`, in any order: every field equal,
    /// dates within `tolerance` seconds.
    static func expectSameTasks(_ loaded: [AgentTask], as saved: [AgentTask], datesWithin tolerance: TimeInterval) throws {
        try expect(loaded.map(\.id).sorted(), equals: saved.map(\.id).sorted(), "loaded task ids")
        for original in saved {
            guard let copy = loaded.first(where: { $0.id == original.id }) else { continue }
            var differences: [String] = []
            func compare<T: Equatable>(_ name: String, _ path: KeyPath<AgentTask, T>) {
                if copy[keyPath: path] != original[keyPath: path] {
                    differences.append("\(name) \(show(original[keyPath: path])) came back as \(show(copy[keyPath: path]))")
                }
            }
            compare("input", \.input)
            compare("state", \.state)
            compare("result", \.result)
            compare("error", \.error)
            compare("attempts", \.attempts)
            for (name, path) in [("createdAt", \AgentTask.createdAt), ("updatedAt", \AgentTask.updatedAt)] {
                let (was, now) = (original[keyPath: path], copy[keyPath: path])
                if tolerance == 0 ? was != now : abs(was.timeIntervalSince(now)) >= tolerance {
                    let lost = now == was.addingTimeInterval(-was.timeIntervalSince1970.truncatingRemainder(dividingBy: 1))
                    differences.append("\(name) \(showDate(was)) came back as \(showDate(now))"
                        + (lost ? " (its fractional seconds were lost)" : ""))
                }
            }
            if !differences.isEmpty {
                throw CheckFailure("expected task \(original.id) to load as it was saved, but its "
                    + differences.joined(separator: "; its "))
            }
        }
    }
}
