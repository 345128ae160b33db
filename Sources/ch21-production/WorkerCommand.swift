import ArgumentParser
import Ch21Demo
import Foundation
import LabKit
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ch21-production worker`: one worker process, started by `run` (hidden from help).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "One worker process of the demo (started by `run`).",
        shouldDisplay: false
    )

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var state: StateOptions

    @Option(help: "The worker's name in leases.")
    var workerID: String

    @Option(help: "The model's API root (the supervisor's mock server).")
    var llmURL: String

    @Option(help: "Tasks this worker runs at once.")
    var concurrency: Int = 4

    @Option(help: "Attempts a task gets before it is dead.")
    var maxAttempts: Int = DemoSettings.maxAttempts

    @Option(help: "Milliseconds of simulated tool work per task.")
    var workMs = 0

    @Option(help: "Log level on standard error.")
    var logLevel: String = "warning"

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        let logger = {
            var logger = Logger(label: "ch21.\(workerID)") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = level
            return logger
        }()
        guard let url = URL(string: llmURL) else { throw ValidationError("--llm-url is not a URL: \(llmURL)") }
        let supervisor = getppid()
        let environment = ProcessInfo.processInfo.environment
        let model = environment["OPENAI_BASE_URL"] == nil
            ? OpenAIClient(baseURL: url, model: "mock-gpt", timeout: .seconds(10))
            : try OpenAIClient.fromEnvironment(environment)
        let worker = Worker(
            id: "\(workerID)-\(getpid())",
            queue: try await state.openQueue(maxAttempts: maxAttempts, seed: UInt64(getpid())),
            model: model,
            exercises: implementation.exercises,
            concurrency: concurrency,
            workTime: .milliseconds(workMs),
            clock: ContinuousClock(),
            supervised: { getppid() == supervisor },
            logger: logger)
        // A worker whose supervisor is gone (killed with kill -9) stops at once: its leases
        // expire and the next supervisor's workers rescue its tasks. The watch runs on a thread
        // of its own, so that it works even when every thread of the task pool is stuck (as
        // FoundationNetworking can be when a request is cancelled while it fails).
        let name = workerID
        let watch = Thread {
            while getppid() == supervisor { usleep(200_000) }
            FileHandle.standardError.write(Data("worker \(name): its supervisor is gone; it stops\n".utf8))
            _exit(0)
        }
        watch.start()
        do {
            try await worker.run()
        } catch LabError.notImplemented(let function) {
            FileHandle.standardError.write(Data("\(function) is not implemented yet\n".utf8))
            throw ExitCode(DemoSettings.notImplementedExitCode)
        }
    }
}
