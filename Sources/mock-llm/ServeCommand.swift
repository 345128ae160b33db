import ArgumentParser
import Foundation
import LabKit
import MockLLM

/// `mock-llm serve` (the default): the scriptable server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a scenario (the default: `mock-llm --scenario lab04-autonomy` is `mock-llm serve --scenario lab04-autonomy`)."
    )

    @Option(name: .shortAndLong, help: "A built-in scenario's name (see --list), the path of a JSON scenario file, or one that `mock-llm record` wrote.")
    var scenario: String = "echo"

    @Option(help: "Seeds response ids, timestamps and random faults: the same seed and request give the same answer.")
    var seed: UInt64 = 0

    @Flag(help: "Answer 400, naming the nearest rule and why it failed, when no rule matches (default: a fallback answer).")
    var strict = false

    @Flag(help: "At exit (Ctrl-C, SIGTERM), print the resilience verdict on the client: did it honour Retry-After, back off, leave 4xx errors alone, retry while it was worth it, refuse streams cut short. GET /_mock/verdict answers the same at any time.")
    var verdict = false

    @Flag(help: "List the built-in scenarios and exit.")
    var list = false

    @OptionGroup var server: ServerOptions

    func run() async throws {
        if list {
            for name in ScenarioSource.builtInNames {
                let description = (try? ScenarioSource.builtIn(name).load().description) ?? nil
                print(description.map { "\(name)\t\($0)" } ?? name)
            }
            return
        }
        let source = ScenarioSource.named(scenario)
        do {
            _ = try source.load()
        } catch let error as MockLLMError {
            throw ValidationError(error.description)
        }
        let scenarioName = scenario
        let judgement = try await MockLLMServer.serve(scenario: source, configuration: server.configuration(seed: seed, strict: strict)) { url in
            // Unbuffered, so that a script reading the pipe sees the URL at once.
            FileHandle.standardOutput.write(Data("mock-llm: scenario \(scenarioName) listening on \(url)\n".utf8))
        }
        if verdict {
            print(judgement.text)
        }
    }
}
