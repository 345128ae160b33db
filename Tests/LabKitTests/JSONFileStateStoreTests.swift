import Foundation
import Testing
@testable import LabKit

@Suite("JSONFileStateStore")
struct JSONFileStateStoreTests {
    @Test("a corrupt file is an error on read and on save, and its bytes stay as they were")
    func corruptFileIsReportedAndNeverOverwritten() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.json").path
        let garbage = Data("{not json".utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        let store = JSONFileStateStore(path: path)

        await expectStoreError(.corrupt, path: path, saying: "not valid JSON") { _ = try await store.task(id: "a") }
        await expectStoreError(.corrupt, path: path, saying: "not valid JSON") { _ = try await store.tasks(in: .pending) }
        await expectStoreError(.corrupt, path: path, saying: "not valid JSON") { try await store.save(sampleTask("a")) }
        await expectStoreError(.corrupt, path: path, saying: "not valid JSON") {
            try await JSONFileStateStore(path: path).save(sampleTask("b"))
        }

        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(try directory.contents() == ["tasks.json"])
    }

    @Test("a file of the wrong shape is corrupt, with the place of the fault in plain words",
          arguments: [
            (#"{"id": "a"}"#, "expected a JSON array of tasks"),
            (#"[{"id": "a"}]"#, "missing key \"input\" at [0]"),
            (#"[{"id": "a", "input": "", "state": "paused", "attempts": 0, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]"#, "at [0].state"),
            (#"[{"id": "a", "input": "", "state": "pending", "attempts": 0, "created_at": "yesterday", "updated_at": "2026-01-01T00:00:00Z"}]"#, "\"yesterday\" is not an ISO 8601 date"),
            ("", "not valid JSON"),
          ])
    func wrongShapeIsCorrupt(content: String, reason: String) async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.json").path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))

        await expectStoreError(.corrupt, path: path, saying: reason) {
            try await JSONFileStateStore(path: path).save(sampleTask("a"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test("the same id twice in the file is corrupt")
    func duplicateIDIsCorrupt() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.json").path
        try await JSONFileStateStore(path: path).save(sampleTask("a"))
        let one = try String(contentsOfFile: path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines).dropFirst().dropLast()
        try "[\(one),\(one)]".write(toFile: path, atomically: false, encoding: .utf8)

        await expectStoreError(.corrupt, path: path, saying: "\"a\" appears more than once") {
            _ = try await JSONFileStateStore(path: path).task(id: "a")
        }
    }

    @Test("saves leave no temporary file behind")
    func noTemporaryFilesLeftBehind() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let store = JSONFileStateStore(path: directory.file("tasks.json").path)
        for index in 0..<20 {
            try await store.save(sampleTask("t\(index % 7)", createdAt: testDate(Double(index))))
        }
        #expect(try directory.contents() == ["tasks.json"])
    }

    @Test("the file is pretty-printed JSON a person can read: sorted keys, ISO 8601 dates, oldest first")
    func fileIsReadableJSON() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.json").path
        let store = JSONFileStateStore(path: path)
        try await store.save(sampleTask("second", createdAt: testDate(9)))
        try await store.save(AgentTask(
            id: "first", input: "a/b", state: .completed, result: "ok", attempts: 1,
            createdAt: testDate(1.25), updatedAt: testDate(4.5)))

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let objects = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == ["first", "second"])
        #expect(objects.first?["created_at"] as? String == "2026-01-01T00:00:01.250Z")
        #expect(objects.first?["updated_at"] as? String == "2026-01-01T00:00:04.500Z")
        #expect(text.contains("\n    \"attempts\" : 1,\n    \"created_at\""))
        #expect(text.contains("\"input\" : \"a/b\""))
        #expect(text.hasSuffix("]\n"))
    }

    @Test("a missing file is an empty store, and reading does not create it")
    func missingFileIsEmpty() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let store = JSONFileStateStore(path: directory.file("tasks.json").path)
        #expect(try await store.task(id: "a") == nil)
        #expect(try await store.allTasks().isEmpty)
        #expect(try directory.contents().isEmpty)
    }

    @Test("the first save creates missing parent directories")
    func firstSaveCreatesParentDirectories() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("state/nested/tasks.json").path
        try await JSONFileStateStore(path: path).save(sampleTask("a"))
        #expect(try await JSONFileStateStore(path: path).task(id: "a") == sampleTask("a"))
    }

    @Test("a hand-written file with whole-second dates reads")
    func wholeSecondDatesRead() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.json").path
        try #"[{"id": "a", "input": "x", "state": "running", "attempts": 2, "created_at": "2026-01-01T00:00:07Z", "updated_at": "2026-01-01T00:00:08Z"}]"#
            .write(toFile: path, atomically: false, encoding: .utf8)
        let task = try await JSONFileStateStore(path: path).task(id: "a")
        #expect(task == AgentTask(id: "a", input: "x", state: .running, attempts: 2,
                                  createdAt: testDate(7), updatedAt: testDate(8)))
    }
}

@Suite("AtomicFile")
struct AtomicFileTests {
    @Test("write replaces the whole content and leaves only the target")
    func writeReplacesContent() throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("data.txt").path
        try AtomicFile.write(Data("a long first version".utf8), to: path)
        try AtomicFile.write(Data("short".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "short")
        #expect(try directory.contents() == ["data.txt"])
    }

    @Test("a write puts a new file in place: a reader holding the old one still reads it whole")
    func writeReplacesTheFileInsteadOfRewritingIt() throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("data.txt").path
        try AtomicFile.write(Data("first version".utf8), to: path)
        let oldFile = try #require(FileHandle(forReadingAtPath: path))
        defer { try? oldFile.close() }
        try AtomicFile.write(Data("second".utf8), to: path)
        // Written in place, the old handle would see the new bytes (or a mix of both).
        #expect(try oldFile.readToEnd() == Data("first version".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
    }

    @Test("a replaced file keeps its permissions")
    func replacedFileKeepsPermissions() throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("private.json").path
        try AtomicFile.write(Data("[]".utf8), to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write(Data("[1]".utf8), to: path)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a write into a missing directory is an io error naming the target")
    func missingDirectoryIsIOError() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("absent/data.txt").path
        await expectStoreError(.io, path: path, saying: "cannot create temporary file") {
            try AtomicFile.write(Data("x".utf8), to: path)
        }
        #expect(try directory.contents().isEmpty)
    }
}
