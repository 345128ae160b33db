import ArgumentParser
import Ch21Demo
import Foundation
import LabKit
import Logging
import MockLLM

/// `ch21-production run`: the chapter's demo. Fills a durable queue with agent tasks and has
/// worker processes drain it against the embedded mock model, with a live progress line.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the demo: worker processes drain a durable queue of agent tasks.",
        discussion: """
            The tasks (support tickets to answer) go into an SQLite queue under --state-dir. Worker \
            processes claim them, ask the model (the built-in mock server, whose ch21-workers scenario \
            answers one request in five with HTTP 503), and complete them; a failed task is retried \
            after a backoff with full jitter. A worker that dies is started again, and the tasks it \
            held are rescued once their lease expires. Kill this command (even with kill -9) and run \
            it again: it resumes the same run. Needs no network and no API key; set OPENAI_BASE_URL \
            to use a real model instead.
            """
    )

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var state: StateOptions

    @Option(help: "How many worker processes to run.")
    var workers = 4

    @Option(help: "How many tasks a new run enqueues.")
    var tasks = 300

    @Option(help: "How many tasks each worker runs at once.")
    var concurrency = 4

    @Option(help: "How many attempts a task gets before it is dead.")
    var maxAttempts = DemoSettings.maxAttempts

    @Option(help: "Milliseconds of simulated tool work in each task, after the model's answer and before its effect.")
    var workMs = 0

    @Option(help: "The seed of the mock model's failures.")
    var seed: UInt64 = 21

    @Flag(help: "Forget the queue on disk and start a new run.")
    var fresh = false

    func validate() throws {
        guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64, got \(workers)") }
        guard tasks >= 1 else { throw ValidationError("--tasks must be at least 1, got \(tasks)") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1, got \(concurrency)") }
        guard workMs >= 0 else { throw ValidationError("--work-ms must not be negative, got \(workMs)") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1, got \(maxAttempts)") }
    }

    func run() async throws {
        if fresh {
            for name in ["queue.sqlite", "queue.sqlite-wal", "queue.sqlite-shm", "run.json"] {
                try? FileManager.default.removeItem(at: state.directory.appendingPathComponent(name))
            }
        }
        print("Chapter 21 demo on \(implementation.name)")
        do {
            // The workers build each prompt with applyPatches and selectContext: try them once here.
            _ = try AgentJob.make(1).messages(attempt: 1, exercises: implementation.exercises)
        } catch LabError.notImplemented(let function) {
            print("""

                ✗ \(function) is not implemented yet: the workers use it to build each prompt.
                  Write it in labs/ch21-production/ (the assignment: labs/ch21-production/README.md),
                  check it with:        swift run ch21-production check
                  or see the demo with: swift run ch21-production --solution
                """)
            throw ExitCode.failure
        }
        let queue = try state.openQueue(maxAttempts: maxAttempts)
        print("Queue: \(state.queuePath)")
        let record = try await prepareRun(queue)
        print("Run \(record.run): \(record.tasks) tasks, \(workers) worker processes × \(concurrency) tasks at once\n")
        // Flushed now, also into a file or a pipe: a run killed with kill -9 keeps what it printed.
        fflush(nil)

        let environment = ProcessInfo.processInfo.environment
        let server: MockLLMServer? = environment["OPENAI_BASE_URL"] == nil
            ? try await MockLLMServer.start(scenario: .builtIn("ch21-workers"), seed: seed,
                                            configuration: .init(logger: Self.silentLogger))
            : nil
        let llmURL = server?.baseURL.absoluteString ?? environment["OPENAI_BASE_URL"] ?? ""
        let outcome: Outcome
        do {
            outcome = try await supervise(queue, llmURL: llmURL)
        } catch {
            await server?.stop()
            throw error
        }
        await server?.stop()
        try await report(queue, outcome: outcome)
    }

    /// The mock server's logger: the demo prints its own progress, and the server's shutdown
    /// notes would only interrupt it.
    private static var silentLogger: Logger {
        var logger = Logger(label: "mock-llm")
        logger.logLevel = .critical
        return logger
    }

    /// Resumes the run the queue holds, or enqueues a new one.
    private func prepareRun(_ queue: some TaskQueue) async throws -> RunRecord {
        let counts = try await queue.counts()
        if var record = RunRecord.read(from: state.runRecordURL) {
            if record.enqueued && counts.unfinished > 0 {
                print("Resuming run \(record.run): \(counts.unfinished) of its tasks are not finished (\(counts)).")
                return record
            }
            if !record.enqueued {
                print("Resuming run \(record.run), whose tasks were being enqueued.")
                try await enqueue(record, into: queue)
                record.enqueued = true
                try record.write(to: state.runRecordURL)
                return record
            }
        }
        let previous = RunRecord.read(from: state.runRecordURL)?.run ?? 0
        let pruned = try await queue.prune(finishedBefore: Date())
        if pruned > 0 { print("Pruned \(pruned) finished tasks of earlier runs.") }
        var record = RunRecord(run: previous + 1, tasks: tasks, enqueued: false)
        try record.write(to: state.runRecordURL)
        try await enqueue(record, into: queue)
        record.enqueued = true
        try record.write(to: state.runRecordURL)
        return record
    }

    /// Enqueues the run's tasks; the idempotency keys make it safe to do again after a crash.
    private func enqueue(_ record: RunRecord, into queue: some TaskQueue) async throws {
        for start in stride(from: 1, through: record.tasks, by: 500) {
            let batch = (start...min(record.tasks, start + 499)).map { number in
                NewQueueTask(payload: AgentJob.make(number).payload, priority: number % 10 == 0 ? 1 : 0,
                             idempotencyKey: "run\(record.run)-ticket\(number)")
            }
            try await queue.enqueue(batch)
        }
    }

    struct Outcome {
        var elapsed: Duration
        var completedHere: Int
        var restarts: Int
        var killed: [String]
    }

    /// Runs the workers until no task is left unfinished, restarting the ones that are killed.
    private func supervise(_ queue: some TaskQueue, llmURL: String) async throws -> Outcome {
        let options = implementation.solution ? ["--solution"] : []
        let supervisor = try Supervisor(workers: workers) { name in
            ["worker", "--state-dir", state.stateDir, "--worker-id", name, "--llm-url", llmURL,
             "--concurrency", "\(concurrency)", "--max-attempts", "\(maxAttempts)", "--work-ms", "\(workMs)"] + options
        }
        let clock = ContinuousClock()
        let start = clock.now
        let completedAtStart = try await queue.counts()[.completed]
        var progress = ProgressLine()
        var killed: [String] = []
        defer { supervisor.terminateAll() }
        while true {
            for (name, ending) in try supervisor.poll() {
                switch ending {
                case .killed(let signal):
                    killed.append("\(name) (signal \(signal))")
                    progress.show("worker \(name) was killed by signal \(signal): started again", force: true)
                case .failed(DemoSettings.notImplementedExitCode):
                    progress.finish()
                    print("\n✗ A worker found an exercise not implemented yet: `swift run ch21-production check` says which.")
                    throw ExitCode.failure
                case .failed(let status):
                    let again = supervisor.failures <= Supervisor.failureLimit ? ": started again" : ": too many failures, not started again"
                    progress.show("worker \(name) stopped with exit status \(status)\(again)", force: true)
                case .finished:
                    break
                }
            }
            let counts = try await queue.counts()
            let elapsed = start.duration(to: clock.now)
            let rate = Double(counts[.completed] - completedAtStart) / max(elapsed.timeInterval, 0.001)
            progress.show(progress.render(counts, total: counts.total, rate: rate, restarts: supervisor.restarts),
                          force: counts.unfinished == 0)
            if counts.unfinished == 0 || supervisor.allEnded {
                progress.finish()
                return Outcome(elapsed: elapsed, completedHere: counts[.completed] - completedAtStart,
                               restarts: supervisor.restarts, killed: killed)
            }
            try await clock.sleep(for: .milliseconds(100))
        }
    }

    /// The summary: what the run did, the effect ledger's verdict, the dead letters.
    private func report(_ queue: some TaskQueue, outcome: Outcome) async throws {
        let counts = try await queue.counts()
        let ledger = try await EffectLedger.read(queue)
        print("")
        print(String(format: "Completed %d tasks in %.1f s (%.0f tasks/s); worker restarts: %d.",
                     outcome.completedHere, outcome.elapsed.timeInterval,
                     Double(outcome.completedHere) / max(outcome.elapsed.timeInterval, 0.001), outcome.restarts))
        print("Queue: \(counts).")
        print("Effect ledger (every run so far): \(ledger.effects) replies posted; posted twice: \(ledger.doubled.count); "
            + "completed tasks without their reply: \(ledger.missing).")
        let dead = try await queue.deadLetters(limit: 5)
        if !dead.isEmpty {
            print("\nDead letters (first \(dead.count) of \(counts[.dead])): `swift run ch21-production status` lists them.")
        }
        if counts.unfinished > 0 {
            print("\n\(counts.unfinished) tasks are not finished: run the command again to resume.")
            throw ExitCode.failure
        }
    }
}
