import ArgumentParser
import Foundation
import Lab04Checks
import LabDemo
import LabKit

/// `lab04-autonomy run`: the agent fixes a full disk on its own; its state survives a crash.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the lab 04 demo: \"I'm out of disk space. Fix it.\", solved by the agent loop.",
        discussion: """
            The agent checks the disk, cleans the logs, checks again and reports, printing each \
            turn: the tool the model calls and its arguments, the tool's output, and the answer. \
            The task and its conversation are saved as JSON files in the state directory after \
            every step: run the demo again with the same --state-dir after killing it, and it \
            resumes where it stopped without cleaning the logs twice. Runs offline on the \
            embedded mock LLM server unless OPENAI_BASE_URL is set (then OPENAI_API_KEY and \
            OPENAI_MODEL are read too).
            """
    )

    @OptionGroup var implementation: ImplementationOptions

    @Option(help: ArgumentHelp("The story to play: \(DemoScenario.help).", valueName: "name"))
    var scenario: DemoScenario = .standard

    @Flag(help: "Stream the model's answers, printing the text as it arrives.")
    var stream = false

    @Option(help: ArgumentHelp(
        "Where to keep tasks.json, the checkpoints and the side-effect ledger (default: a new temporary directory).",
        valueName: "directory"))
    var stateDir: String?

    @Option(help: ArgumentHelp("The task's id in the state directory.", valueName: "id"))
    var taskID = "disk-1"

    @Option(help: ArgumentHelp("Milliseconds every model call and every tool takes first, to watch at a human pace (or to crash in between).",
                               valueName: "ms"))
    var latencyMs = 0

    func validate() throws {
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must be 0 or more, got \(latencyMs)") }
    }

    func run() async throws {
        let directory = try stateDirectory()
        print("Lab 04 demo on \(implementation.name)")
        let endpoint = try await DemoModel.start(scenario: scenario.mockScenario)
        print(endpoint.banner(command: "swift run lab04-autonomy"))
        print("State: \(directory.path)\n")
        let outcome = await runOrResume(in: directory, endpoint: endpoint)
        await endpoint.stop()
        try report(outcome)
    }

    private func runOrResume(in directory: URL, endpoint: DemoModel) async -> Result<String, any Error> {
        let exercises = implementation.exercises
        let clock = ContinuousClock()
        let now: Now = { Date() }
        let latency = Duration.milliseconds(latencyMs)
        let store = JSONFileStateStore(path: directory.appendingPathComponent("tasks.json").path)
        let checkpoints = JSONFileCheckpointStore(directory: directory.appendingPathComponent("checkpoints"))
        let tools = DiskTools(directory: directory, taskID: taskID, checkpoints: checkpoints, latency: latency,
                              clock: clock, cleaningFailures: scenario.cleaningFailures)
        let printer = StreamPrinter()
        let base: any ChatModel = stream ? endpoint.client.streaming { printer.write($0) } : endpoint.client
        let model = TurnPrinter(base, latency: latency, clock: clock, printAnswers: !stream)
        let agent = Agent(model: StreamedTurns(base: model, printer: printer), tools: tools.registry, budget: scenario.budget)
        do {
            if let task = try await store.task(id: taskID) {
                print("Task \(taskID) is in the store: \(task.state.rawValue), \(task.attempts) attempt(s) so far. Resuming.")
                return .success(try await exercises.resumeTask(taskID, agent, clock, store, checkpoints, now))
            }
            print("? \(scenario.request)")
            return .success(try await exercises.runTask(taskID, scenario.request, agent, clock, store, checkpoints, now))
        } catch {
            return .failure(error)
        }
    }

    private func report(_ outcome: Result<String, any Error>) throws {
        switch outcome {
        case .success(let answer):
            print("\nTask \(taskID) completed: \(answer)")
        case .failure(LabError.notImplemented(let function)):
            print("""

                ✗ \(function) is not implemented yet.
                  Write it in labs/lab04-autonomy/ (the assignment: labs/lab04-autonomy/README.md),
                  check it with:        swift run lab04-autonomy check
                  or see the demo with: swift run lab04-autonomy --solution
                """)
            throw ExitCode.failure
        case .failure(AgentError.stepLimitReached(let steps)) where scenario == .runaway:
            print("\n✓ The budget stopped a model that would never have stopped: \(steps) steps. The task is saved failed.")
        case .failure(let error):
            print("\n✗ Task \(taskID) failed: \(error)")
            throw ExitCode.failure
        }
    }


    private func stateDirectory() throws -> URL {
        guard let stateDir else { return try TemporaryDirectory(prefix: "lab04-demo").url }
        let url = URL(fileURLWithPath: stateDir, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
