import ArgumentParser
import Foundation
import Lab02Checks
import LabDemo
import LabKit
import Synchronization

/// `lab02-tools run`: one question, answered with the help of a tool, each turn printed.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the lab 02 demo: a question, a tool call, the tool's output, the model's answer.",
        discussion: """
            Asks "Is server 192.168.1.10 online?" with your get_server_status tool on offer, and \
            prints each turn: the tool the model calls and its arguments, the tool's output, and \
            the answer. Runs offline on the embedded mock LLM server unless OPENAI_BASE_URL is set \
            (then OPENAI_API_KEY and OPENAI_MODEL are read too).
            """
    )

    @OptionGroup var implementation: ImplementationOptions

    @Option(help: ArgumentHelp("The story to play: \(DemoScenario.help).", valueName: "name"))
    var scenario: DemoScenario = .standard

    @Option(help: "The question to ask (default: \"Is server 192.168.1.10 online?\").")
    var question: String?

    func run() async throws {
        let exercises = implementation.exercises
        print("Lab 02 demo on \(implementation.name)")
        let endpoint = try await DemoModel.start(scenario: scenario.mockScenario)
        print(endpoint.banner(command: "swift run lab02-tools"))
        let question = question ?? scenario.question
        print("\n? \(question)")
        let clock = ContinuousClock()
        let outcome: Result<ToolExchange, any Error>
        do {
            let registry = try StatusTool(exercises: exercises, failures: scenario.toolFailures).registry()
            let retry = ScheduleRetry(delays: [.seconds(1), .seconds(2)], clock: clock) { error, delay in
                print("    ✗ attempt failed: \(error); retrying in \(delay.compact)")
            }
            let model = RetryingModel(TurnPrinter(endpoint.client, clock: clock), clock: clock)
            outcome = .success(try await exercises.answerQuestion(question, model, registry, retry.asToolRetry))
        } catch {
            outcome = .failure(error)
        }
        await endpoint.stop()
        switch outcome {
        case .success(let exchange):
            print("\nThe conversation, as sent to the model: \(exchange.messages.map { $0.role.rawValue }.joined(separator: " → "))")
        case .failure(LabError.notImplemented(let function)):
            print("""

                ✗ \(function) is not implemented yet.
                  Write it in labs/lab02-tools/ (the assignment: labs/lab02-tools/README.md),
                  check it with:        swift run lab02-tools check
                  or see the demo with: swift run lab02-tools --solution
                """)
            throw ExitCode.failure
        case .failure(let error):
            print("\n✗ The demo stopped: \(error)")
            throw ExitCode.failure
        }
    }
}

/// The demo's `get_server_status`: the student's definition and argument decoding, over a
/// small table of servers, failing its first `failures` runs.
struct StatusTool: Sendable {
    let exercises: Lab02Exercises
    let failures: Int
    private let runs = RunCounter()

    static let servers = ["192.168.1.10": "ONLINE (Load: 0.5)", "192.168.1.11": "OFFLINE (no answer to ping)"]

    init(exercises: Lab02Exercises, failures: Int) {
        self.exercises = exercises
        self.failures = failures
    }

    func registry() throws -> ToolRegistry {
        let definition = try exercises.serverStatusTool()
        let decode = exercises.decodeArguments
        let failures = failures
        let runs = runs
        return ToolRegistry([
            Tool(definition) { call in
                let run = runs.next()
                let arguments = try decode(call)
                if run <= failures {
                    throw ToolError.failed(tool: definition.name, reason: "connection to \(arguments.ip) timed out")
                }
                let status = Self.servers[arguments.ip] ?? "UNKNOWN (no such server in this demo)"
                print("  ← get_server_status(ip: \(arguments.ip)) = \(status)")
                return status
            },
        ])
    }
}

/// Asks the model again after a rate limit or another error worth retrying, waiting what the
/// server asked for (or a second), at most twice.
struct RetryingModel: ChatModel {
    let base: any ChatModel
    let clock: any Clock<Duration>

    init(_ base: any ChatModel, clock: any Clock<Duration>) {
        self.base = base
        self.clock = clock
    }

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var attempt = 1
        while true {
            do {
                return try await base.complete(request)
            } catch let error as LLMError where error.isRetryable && attempt < 3 {
                let wait = error.retryAfter ?? .seconds(1)
                print("  ✗ the model answered \(error); asking again in \(wait.compact)")
                try await clock.sleep(for: wait)
                attempt += 1
            }
        }
    }
}

/// Counts a tool's runs across the concurrency domains it is called from.
final class RunCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more run and returns how many there have been.
    func next() -> Int {
        count.add(1, ordering: .relaxed).newValue
    }
}
