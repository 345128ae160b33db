import ArgumentParser
import Foundation
import LabKit
import LabKitSQLite

/// Where the demo keeps its queue, and how every process of it opens the queue.
struct StateOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The folder of the queue's SQLite database (queue.sqlite) and the run's record. Kept between runs, so that a killed run resumes.",
        valueName: "directory"))
    var stateDir: String = ".build/ch21-production"

    @Option(help: ArgumentHelp(
        "Keep the queue in this PostgreSQL database instead of SQLite, shared by worker processes on any host that reaches it (postgres://user@host:port/database; scripts/postgres.sh starts one). The run's record stays under --state-dir.",
        valueName: "url"))
    var postgres: String?

    var directory: URL { URL(fileURLWithPath: stateDir, isDirectory: true) }
    var queuePath: String { directory.appendingPathComponent("queue.sqlite").path }
    var runRecordURL: URL { directory.appendingPathComponent("run.json") }

    /// Where the queue is, for messages.
    var queueLocation: String { postgres.map(PostgresSupport.redacted) ?? queuePath }

    /// The arguments that make a worker process open the same queue.
    var workerArguments: [String] { ["--state-dir", stateDir] + (postgres.map { ["--postgres", $0] } ?? []) }

    /// Opens the queue as every process of the demo does: the wall clock, ids from the database.
    func openQueue(maxAttempts: Int = DemoSettings.maxAttempts, seed: UInt64 = 0) async throws -> any TaskQueue {
        let policy = DemoSettings.policy(maxAttempts: maxAttempts)
        if let postgres {
            // The run's record stays in the state folder.
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try await PostgresSupport.openQueue(url: postgres, policy: policy, seed: seed)
        }
        return try SQLiteTaskQueue(path: queuePath, now: { Date() }, policy: policy, seed: seed)
    }
}

/// The demo's retry policy and exit codes, shared by the supervisor and the workers.
enum DemoSettings {
    static let maxAttempts = 6
    static let notImplementedExitCode: Int32 = 3

    /// Retries after 100 ms, 200 ms, 400 ms … at most 2 s, with full jitter.
    static func policy(maxAttempts: Int) -> QueuePolicy {
        QueuePolicy(maxAttempts: maxAttempts, backoffBase: .milliseconds(100), backoffCap: .seconds(2))
    }
}

/// Which run the queue holds: its number, how many tasks it has, whether they are all enqueued.
struct RunRecord: Codable {
    var run: Int
    var tasks: Int
    var enqueued: Bool

    static func read(from url: URL) -> RunRecord? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }

    func write(to url: URL) throws {
        try AtomicFile.write(try JSONEncoder().encode(self), to: url.path)
    }
}
