import ArgumentParser
import Foundation
import GRDB
import LabKit
import LabKitSQLite

/// The cost of one save in chapter 11's JSON-file store against the SQLite store, as the
/// number of stored tasks grows.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stores", abstract: "The cost of one save, JSON file against SQLite.")

    @Option(help: "Store sizes to measure, comma-separated.")
    var sizes = "100,1000,10000,100000"

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "ch21-stores")
        defer { directory.remove() }
        print("One save (an update of one task) in a store that holds N tasks")
        print("      N   JSON file    SQLite")
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            let tasks = (0..<size).map { AgentTask(id: "t\($0)", input: "deploy service \($0)", createdAt: Date(timeIntervalSince1970: 1_767_225_600 + Double($0))) }
            let json = try await measureJSON(tasks, path: directory.file("tasks-\(size).json").path)
            let sqlite = try await measureSQLite(tasks, path: directory.file("tasks-\(size).sqlite").path)
            print(String(format: "%7d  %8.2f ms  %6.3f ms", size, json * 1000, sqlite * 1000))
        }
    }

    /// Seconds per save: the file is written once with every task, then saves are timed.
    private func measureJSON(_ tasks: [AgentTask], path: String) async throws -> Double {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(tasks).write(to: URL(fileURLWithPath: path))
        let store = JSONFileStateStore(path: path)
        return try await timeSaves(store, tasks: tasks, count: tasks.count >= 50_000 ? 3 : 10)
    }

    private func measureSQLite(_ tasks: [AgentTask], path: String) async throws -> Double {
        _ = try SQLiteStateStore(path: path)
        let pool = try DatabasePool(path: path)
        try await pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO task (id, input, state, attempts, created_at, updated_at) VALUES (?, ?, 'pending', 0, ?, ?)
                """)
            for task in tasks { try statement.execute(arguments: [task.id, task.input, task.createdAt, task.updatedAt]) }
        }
        try pool.close()
        return try await timeSaves(try SQLiteStateStore(path: path), tasks: tasks, count: 200)
    }

    /// Seconds per save, after one save to warm the store up.
    private func timeSaves(_ store: some StateStore, tasks: [AgentTask], count: Int) async throws -> Double {
        var task = tasks[tasks.count / 2]
        task.state = .running
        try await store.save(task)
        let clock = ContinuousClock()
        let start = clock.now
        for attempt in 1...count {
            task.attempts = attempt
            try await store.save(task)
        }
        return start.duration(to: clock.now).timeInterval / Double(count)
    }
}
