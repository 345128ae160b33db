import ArgumentParser
import Foundation
import LabKit
import LabKitSQLite

/// `ch21-production bench`: measures the queue and the stores and prints figures (used by
/// scripts/bench-ch21.sh; hidden from help).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print benchmark figures for the SQLite queue and the state stores.",
        shouldDisplay: false,
        subcommands: [QueueBench.self, StoreBench.self]
    )
}

/// Claim-and-complete throughput with worker processes, enqueue rate, claim latency.
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "queue", abstract: "Claim-and-complete tasks/s with worker processes.")

    @Option(help: "Worker process counts to measure, comma-separated.")
    var workers = "1,2,4,8"

    @Option(help: "Tasks per measurement.")
    var tasks = 20_000

    @Option(help: "Tasks claimed per claim, and completed per completion.")
    var batch = 32

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "ch21-bench")
        defer { directory.remove() }
        let counts = workers.split(separator: ",").compactMap { Int($0) }
        print("SQLite queue (WAL, BEGIN IMMEDIATE), \(tasks) tasks per run; each worker claims up to \(batch) in one transaction and completes them, with one effect each, in another")
        try await enqueueFigures(directory)
        print("")
        print("workers  tasks/s  claim p50  claim p99  CPU per task")
        for count in counts {
            let path = directory.file("queue-\(count).sqlite").path
            let queue = try SQLiteTaskQueue(path: path, now: { Date() })
            for start in stride(from: 0, to: tasks, by: 1000) {
                try await queue.enqueue((start..<min(tasks, start + 1000)).map { NewQueueTask(payload: "job \($0)") })
            }
            let cpuBefore = childrenCPUSeconds()
            let results = try runWorkers(count, path: path)
            let cpuPerTask = (childrenCPUSeconds() - cpuBefore) / Double(max(1, tasks))
            let first = results.map(\.firstClaim).min() ?? 0
            let last = results.map(\.lastComplete).max() ?? 0
            let done = results.reduce(0) { $0 + $1.completed }
            let latencies = results.flatMap(\.claimMicroseconds).sorted()
            let rate = Double(done) / max((last - first) / 1_000_000, 0.000_001)
            print(String(format: "%7d  %7.0f  %7.2f ms  %7.2f ms  %7.0f µs", count, rate,
                         percentile(latencies, 0.50) / 1000, percentile(latencies, 0.99) / 1000, cpuPerTask * 1_000_000))
            guard done == tasks, try await queue.counts()[.completed] == tasks else {
                throw ValidationError("expected \(tasks) tasks completed once, workers reported \(done)")
            }
        }
    }

    private func enqueueFigures(_ directory: TemporaryDirectory) async throws {
        let clock = ContinuousClock()
        let queue = try SQLiteTaskQueue(path: directory.file("enqueue.sqlite").path, now: { Date() })
        let batched = tasks
        var start = clock.now
        for offset in stride(from: 0, to: batched, by: 500) {
            try await queue.enqueue((offset..<min(batched, offset + 500)).map { NewQueueTask(payload: "job \($0)", idempotencyKey: "k\($0)") })
        }
        let batchedTime = start.duration(to: clock.now).timeInterval
        let single = min(tasks, 5_000)
        start = clock.now
        for index in 0..<single {
            try await queue.enqueue(NewQueueTask(payload: "one \(index)", idempotencyKey: "one\(index)"))
        }
        let singleTime = start.duration(to: clock.now).timeInterval
        print(String(format: "enqueue: %.0f tasks/s in batches of 500, %.0f tasks/s one per transaction (with idempotency keys)",
                     Double(batched) / batchedTime, Double(single) / singleTime))
    }

    private func runWorkers(_ count: Int, path: String) throws -> [BenchWorkerCommand.Result] {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var running: [(Process, Pipe)] = []
        for index in 1...count {
            let process = Process()
            let pipe = Pipe()
            process.executableURL = executable
            process.arguments = ["bench-worker", "--db", path, "--worker-id", "b\(index)", "--batch", "\(batch)"]
            process.standardOutput = pipe
            try process.run()
            running.append((process, pipe))
        }
        return try running.map { process, pipe in
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return try JSONDecoder().decode(BenchWorkerCommand.Result.self, from: data)
        }
    }
}

/// The processor time (user and system) used so far by this process's children that ended:
/// what the workers cost, whatever else the machine was doing.
func childrenCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    #else
    getrusage(RUSAGE_CHILDREN, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The value below which a fraction `p` of the sorted `values` lie.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

/// `ch21-production bench-worker`: claims and completes until the queue is empty, then prints
/// what it measured as JSON.
struct BenchWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-worker", abstract: "One benchmark worker.", shouldDisplay: false)

    @Option var db: String
    @Option var workerID: String
    @Option var batch = 8

    struct Result: Codable {
        var completed: Int
        /// Microseconds since 1970.
        var firstClaim: Double
        var lastComplete: Double
        var claimMicroseconds: [Double]
    }

    func run() async throws {
        let queue = try SQLiteTaskQueue(path: db, now: { Date() })
        let clock = ContinuousClock()
        var result = Result(completed: 0, firstClaim: 0, lastComplete: 0, claimMicroseconds: [])
        while true {
            let start = clock.now
            if result.firstClaim == 0 { result.firstClaim = Date().timeIntervalSince1970 * 1_000_000 }
            let claims = try await queue.claim(worker: workerID, leaseFor: .seconds(60), limit: batch)
            result.claimMicroseconds.append(start.duration(to: clock.now).timeInterval * 1_000_000)
            if claims.isEmpty { break }
            let completions = claims.map { Completion(lease: $0.lease, result: "ok", effects: [QueueEffect(key: $0.task.id)]) }
            for outcome in try await queue.completeAll(completions) {
                if case .success = outcome { result.completed += 1 }
            }
            result.lastComplete = Date().timeIntervalSince1970 * 1_000_000
        }
        result.claimMicroseconds.removeLast()
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}
