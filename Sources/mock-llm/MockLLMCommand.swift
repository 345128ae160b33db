import ArgumentParser
import Foundation
import LabKit
import Logging
import MockLLM

/// `mock-llm`: the scriptable OpenAI-compatible server on its own (started from `main.swift`).
struct MockLLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-llm",
        abstract: "An offline, scriptable server that answers like OpenAI's chat completions API.",
        discussion: """
            The server follows a scenario: rules matched against the whole conversation (first \
            match wins) that answer with text, tool calls or faults (errors with Retry-After, \
            delays, hangs, dropped connections, malformed bodies, streams cut short). Answers are \
            deterministic: the same seed and request give the same bytes, ids included.

            Point any OpenAI client at the printed URL: OPENAI_BASE_URL=http://127.0.0.1:8080/v1 \
            with any API key.

            Routes: POST /v1/chat/completions, GET /v1/models, GET /health, GET /_mock/requests \
            (journal), GET /_mock/verdict (the client's handling of failures), POST /_mock/reset, \
            POST /_mock/scenario (load another scenario).
            Scenario files are described in docs/scenarios.md.
            """
    )

    @Option(name: .shortAndLong, help: "A built-in scenario's name (see --list) or the path of a JSON scenario file.")
    var scenario: String = "echo"

    @Option(help: "The address to listen on. Keep the default (loopback) unless other machines must reach the server.")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 picks a free port (the URL line tells which).")
    var port: Int = 8080

    @Option(help: "Seeds response ids, timestamps and random faults: the same seed and request give the same answer.")
    var seed: UInt64 = 0

    @Flag(help: "Answer 400, naming the nearest rule and why it failed, when no rule matches (default: a fallback answer).")
    var strict = false

    @Flag(help: "At exit (Ctrl-C, SIGTERM), print the resilience verdict on the client: did it honour Retry-After, back off, leave 4xx errors alone, retry while it was worth it, refuse streams cut short. GET /_mock/verdict answers the same at any time.")
    var verdict = false

    @Flag(help: "List the built-in scenarios and exit.")
    var list = false

    @Option(help: "The largest request body accepted, in bytes; larger ones get 413.")
    var maxBodyBytes: Int = 4 << 20

    @Option(help: "Seconds a connection may wait idle between requests before it is closed.")
    var idleTimeout: Double = 60

    @Option(help: "Seconds a request head may take to arrive once it starts; then 408 and the connection closes.")
    var headerTimeout: Double = 10

    @Option(help: "Seconds a request body may take to arrive after its head; then 408 and the connection closes.")
    var bodyTimeout: Double = 30

    @Option(help: "Seconds the server waits for the client to close after an answer that ends the connection (a rejected request, Connection: close).")
    var lingerTimeout: Double = 2

    @Option(help: "The most connections served at once; more wait in the listen queue until one closes.")
    var maxConnections: Int = 1024

    @Option(help: "How many threads serve requests (default: one less than the cores, at least one, which leaves a core to the clients on the same machine).")
    var threads: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive.") }
        for (name, value) in [("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout), ("--linger-timeout", lingerTimeout)] {
            guard value > 0, value <= 86_400 else { throw ValidationError("\(name) must be more than 0 and at most 86400 seconds.") }
        }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive.") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
    }

    func run() async throws {
        if list {
            for name in ScenarioSource.builtInNames {
                let description = (try? ScenarioSource.builtIn(name).load().description) ?? nil
                print(description.map { "\(name)\t\($0)" } ?? name)
            }
            return
        }
        var logger = Logger(label: "mock-llm")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let configuration = MockLLMServer.Configuration(
            host: host, port: port, seed: seed, strict: strict, maxBodyBytes: maxBodyBytes,
            connections: MockLLMServer.ConnectionLimits(
                idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout),
                lingerTimeout: .seconds(lingerTimeout), maxConnections: maxConnections
            ),
            logger: logger
        )
        let source = ScenarioSource.named(scenario)
        do {
            _ = try source.load()
        } catch let error as MockLLMError {
            throw ValidationError(error.description)
        }
        let scenarioName = scenario
        let judgement = try await MockLLMServer.serve(scenario: source, configuration: configuration) { url in
            // Unbuffered, so that a script reading the pipe sees the URL at once.
            FileHandle.standardOutput.write(Data("mock-llm: scenario \(scenarioName) listening on \(url)\n".utf8))
        }
        if verdict {
            print(judgement.text)
        }
    }
}
