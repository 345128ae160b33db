import Foundation
import Testing
@testable import LabKit
@testable import LabKitSQLite

@Suite("SQLiteStateStore")
struct SQLiteStateStoreTests {
    @Test("a file that is not a database is a clear error, and the file stays as it was")
    func garbageFileIsReportedAndLeftUntouched() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.sqlite").path
        let garbage = Data(String(repeating: "this is not an SQLite database\n", count: 200).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))

        await expectStoreError(.corrupt, path: path, saying: "not a usable SQLite database") {
            _ = try SQLiteStateStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
        #expect(try directory.contents() == ["tasks.sqlite"])
    }

    @Test("missing parent directories are created")
    func missingDirectoriesAreCreated() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("state/nested/tasks.sqlite").path
        try await SQLiteStateStore(path: path).save(sampleTask("a"))
        #expect(try await SQLiteStateStore(path: path).task(id: "a") == sampleTask("a"))
    }

    @Test("a path that cannot be a file is an io error naming the path")
    func unusablePathIsIOError() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        try Data("a file, not a directory".utf8).write(to: URL(fileURLWithPath: directory.file("plain").path))
        let path = directory.file("plain/tasks.sqlite").path
        await expectStoreError(.io, path: path) {
            _ = try SQLiteStateStore(path: path)
        }
    }

    @Test("a file database is in WAL mode")
    func fileDatabaseUsesWAL() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let store = try SQLiteStateStore(path: directory.file("tasks.sqlite").path)
        #expect(try await store.journalMode() == "wal")
    }

    @Test("an in-memory store keeps tasks for its lifetime, and stores are independent")
    func inMemoryStoresAreIndependent() async throws {
        let one = try SQLiteStateStore.inMemory()
        let other = try SQLiteStateStore.inMemory()
        try await one.save(sampleTask("a"))
        #expect(try await one.task(id: "a") == sampleTask("a"))
        #expect(try await other.task(id: "a") == nil)
    }

    @Test("200 concurrent saves from one store all land")
    func concurrentSavesAllLand() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let store = try SQLiteStateStore(path: directory.file("tasks.sqlite").path)
        let tasks = (0..<200).map { sampleTask(String(format: "t%03d", $0), createdAt: testDate(Double($0))) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in tasks {
                group.addTask { try await store.save(task) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.tasks(in: .pending) == tasks)
    }

    @Test("two stores on one file write concurrently and each sees the other's saves")
    func twoInstancesShareOneFile() async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        let path = directory.file("tasks.sqlite").path
        let stores = [try SQLiteStateStore(path: path), try SQLiteStateStore(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                let task = sampleTask("t\(index)", createdAt: testDate(Double(index)))
                group.addTask { try await stores[index % 2].save(task) }
            }
            try await group.waitForAll()
        }
        #expect(try await stores[0].allTasks().count == 100)
        #expect(try await stores[1].allTasks().count == 100)
    }
}
