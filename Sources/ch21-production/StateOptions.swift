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

    var directory: URL { URL(fileURLWithPath: stateDir, isDirectory: true) }
    var queuePath: String { directory.appendingPathComponent("queue.sqlite").path }
    var runRecordURL: URL { directory.appendingPathComponent("run.json") }

    /// Opens the queue as every process of the demo does: the wall clock, ids from the database.
    func openQueue(maxAttempts: Int = DemoSettings.maxAttempts, seed: UInt64 = 0) throws -> SQLiteTaskQueue {
        try SQLiteTaskQueue(path: queuePath, now: { Date() }, policy: DemoSettings.policy(maxAttempts: maxAttempts), seed: seed)
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
