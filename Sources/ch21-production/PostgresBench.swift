#if PostgreSQL
import ArgumentParser
import Foundation
import LabKit
import LabKitPostgres

/// `ch21-production bench-pg`: the PostgreSQL queue's figures (used by scripts/bench-pg.sh;
/// hidden from help): claim-and-complete tasks/s with worker processes, claims of one task and
/// of a batch, and the enqueue-to-start latency of idle workers woken by LISTEN/NOTIFY.
struct PostgresBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pg", abstract: "Print benchmark figures for the PostgreSQL queue.", shouldDisplay: false)

    @Option(help: "The server (postgres://user@host:port/database).")
    var postgres: String

    @Option(help: "Worker process counts to measure, comma-separated.")
    var workers = "1,2,4,8"

    @Option(help: "Tasks per measurement.")
    var tasks = 20_000

    @Option(help: "Tasks claimed per claim when batched.")
    var batch = 16

    @Option(help: "Tasks enqueued one by one for the latency figures (0: none).")
    var latencyTasks = 2_000

    @Option(help: "Idle workers waiting for the latency figures.")
    var latencyWorkers = 4

    static let schema = "bench_queue"

    func run() async throws {
        let counts = workers.split(separator: ",").compactMap { Int($0) }
        print("PostgreSQL queue (FOR UPDATE SKIP LOCKED), \(tasks) tasks per run; unbatched: claim 1, complete 1; batched: claim \(batch), completeAll in one transaction")
        print("workers  unbatched (tasks/s)  batched (tasks/s)")
        for count in counts {
            var rates: [Double] = []
            for limit in [1, batch] {
                rates.append(try await throughput(workers: count, limit: limit))
            }
            print(String(format: "%7d  %20.0f  %17.0f", count, rates[0], rates[1]))
        }
        if latencyTasks > 0 {
            try await latency()
        }
    }

    private func freshQueue() async throws -> (PostgresTaskQueue, PostgresDatabase) {
        let database = try PostgresDatabase(url: postgres, maximumConnections: 4)
        try await PostgresTaskQueue.dropSchema(Self.schema, database: database)
        let queue = try await PostgresTaskQueue(database: database, schema: Self.schema, now: { Date() }, clock: ContinuousClock())
        return (queue, database)
    }

    private func throughput(workers count: Int, limit: Int) async throws -> Double {
        let (queue, database) = try await freshQueue()
        for start in stride(from: 0, to: tasks, by: 1000) {
            try await queue.enqueue((start..<min(tasks, start + 1000)).map { NewQueueTask(payload: "job \($0)") })
        }
        let results = try runWorkers(count, arguments: ["--mode", "drain", "--batch", "\(limit)"])
        let first = results.map(\.firstClaim).min() ?? 0
        let last = results.map(\.lastComplete).max() ?? 0
        let done = results.reduce(0) { $0 + $1.completed }
        guard done == tasks, try await queue.counts()[.completed] == tasks else {
            throw ValidationError("expected \(tasks) tasks completed once, workers reported \(done)")
        }
        await database.shutdown()
        return Double(done) / max((last - first) / 1_000_000, 0.000_001)
    }

    /// Idle workers wait with waitForWork; tasks arrive one by one, 2 ms apart; each worker notes
    /// how long after its enqueue it started each task.
    private func latency() async throws {
        let (queue, database) = try await freshQueue()
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var running: [(Process, Pipe)] = []
        for index in 1...latencyWorkers {
            let process = Process()
            let pipe = Pipe()
            process.executableURL = executable
            process.arguments = ["bench-pg-worker", "--postgres", postgres, "--worker-id", "l\(index)", "--mode", "wait"]
            process.standardOutput = pipe
            try process.run()
            running.append((process, pipe))
        }
        let clock = ContinuousClock()
        // Let the workers start and go idle before the first task.
        try await clock.sleep(for: .seconds(2))
        for index in 0..<latencyTasks {
            try await queue.enqueue(NewQueueTask(payload: "job \(index)"))
            try await clock.sleep(for: .milliseconds(2))
        }
        try await queue.enqueue((1...latencyWorkers).map { NewQueueTask(payload: "stop", priority: -1, idempotencyKey: "stop\($0)") })
        let results = try running.map { process, pipe in
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(PostgresBenchWorkerCommand.Result.self, from: data)
        }
        await database.shutdown()
        let latencies = results.flatMap(\.startLatencyMilliseconds).sorted()
        print("")
        print(String(format: "enqueue-to-start, %d idle workers woken by LISTEN/NOTIFY, %d tasks one by one: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                     latencyWorkers, latencies.count, percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.last ?? 0))
    }

    private func runWorkers(_ count: Int, arguments: [String]) throws -> [PostgresBenchWorkerCommand.Result] {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var running: [(Process, Pipe)] = []
        for index in 1...count {
            let process = Process()
            let pipe = Pipe()
            process.executableURL = executable
            process.arguments = ["bench-pg-worker", "--postgres", postgres, "--worker-id", "b\(index)"] + arguments
            process.standardOutput = pipe
            try process.run()
            running.append((process, pipe))
        }
        return try running.map { process, pipe in
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(PostgresBenchWorkerCommand.Result.self, from: data)
        }
    }
}

/// `ch21-production bench-pg-worker`: claims and completes, then prints what it measured as JSON.
/// `drain`: until a claim finds nothing. `wait`: idle in waitForWork until it claims a `stop` task.
struct PostgresBenchWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-pg-worker", abstract: "One PostgreSQL benchmark worker.", shouldDisplay: false)

    @Option var postgres: String
    @Option var workerID: String
    @Option var batch = 1
    @Option var mode = "drain"

    struct Result: Codable {
        var completed = 0
        /// Microseconds since 1970.
        var firstClaim: Double = 0
        var lastComplete: Double = 0
        var startLatencyMilliseconds: [Double] = []
    }

    func run() async throws {
        let database = try PostgresDatabase(url: postgres, maximumConnections: 2)
        let queue = try await PostgresTaskQueue(database: database, schema: PostgresBenchCommand.schema, now: { Date() },
                                                clock: ContinuousClock())
        var result = Result()
        work: while true {
            if result.firstClaim == 0 { result.firstClaim = Date().timeIntervalSince1970 * 1_000_000 }
            let claims = try await queue.claim(worker: workerID, leaseFor: .seconds(60), limit: batch)
            let started = Date()
            if claims.isEmpty {
                if mode == "drain" { break }
                try await queue.waitForWork(upTo: .seconds(1))
                continue
            }
            if mode == "drain" && claims.count > 1 {
                // Batched: the claims' completions in one transaction, each fenced on its own.
                let results = try await queue.completeAll(claims.map { Completion(lease: $0.lease, result: "ok") })
                result.completed += results.filter { (try? $0.get()) != nil }.count
                result.lastComplete = Date().timeIntervalSince1970 * 1_000_000
                continue
            }
            for claim in claims {
                try await queue.complete(claim.lease, result: "ok")
                if mode == "wait" {
                    if claim.task.payload == "stop" { break work }
                    result.startLatencyMilliseconds.append(started.timeIntervalSince(claim.task.enqueuedAt) * 1000)
                }
                result.completed += 1
            }
            result.lastComplete = Date().timeIntervalSince1970 * 1_000_000
        }
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
        await database.shutdown()
    }
}
#endif
