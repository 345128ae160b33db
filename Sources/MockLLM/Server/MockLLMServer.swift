import Foundation
import Hummingbird
import LabKit
import Logging

/// The mock OpenAI-compatible server, embedded in a process: start it, point a client at
/// ``baseURL``, stop it.
///
/// ```swift
/// let server = try await MockLLMServer.start(scenario: .builtIn("lab04-autonomy"), seed: 0)
/// let client = OpenAIClient(baseURL: server.baseURL, apiKey: nil, model: "mock-gpt")
/// // … run the agent …
/// await server.stop()
/// ```
public final class MockLLMServer: Sendable {
    /// The API root clients use, such as `http://127.0.0.1:54321/v1`.
    public let baseURL: URL
    /// The port the server listens on.
    public let port: Int
    let state: MockState
    private let running: Task<Void, any Error>

    private init(baseURL: URL, port: Int, state: MockState, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.state = state
        self.running = running
    }

    /// Starts a server and returns once it listens.
    ///
    /// - Parameters:
    ///   - scenario: the script the model follows.
    ///   - seed: seeds identifiers and chaos draws; overrides the configuration's seed.
    ///   - strict: answer 400 when no rule matches; overrides the configuration's choice when `true`.
    ///   - configuration: host (127.0.0.1), port (0: any free port), limits, clock, logger.
    /// - Throws: ``MockLLMError`` when the scenario does not load or the port cannot be bound.
    public static func start(
        scenario: ScenarioSource,
        seed: UInt64? = nil,
        strict: Bool = false,
        configuration: Configuration = Configuration()
    ) async throws -> MockLLMServer {
        var configuration = configuration
        if let seed { configuration.seed = seed }
        if strict { configuration.strict = true }
        let state = try MockState(scenario: scenario, configuration: configuration)
        let (port, running) = try await launch(configuration: configuration) { onRunning in
            buildApplication(state: state, configuration: configuration, onServerRunning: onRunning)
        }
        guard let baseURL = apiRoot(host: configuration.host, port: port) else {
            running.cancel()
            throw MockLLMError.serverNotStarted("no URL for \(configuration.host) port \(port)")
        }
        configuration.logger.info("mock-llm listening", metadata: ["url": "\(baseURL)", "scenario": "\(state.engine.scenario.name)"])
        return MockLLMServer(baseURL: baseURL, port: port, state: state, running: running)
    }

    /// Stops the server: closes the port and ends every request in flight, hangs included.
    public func stop() async {
        running.cancel()
        _ = try? await running.value
    }

    /// The requests received since start or the last reset, oldest first.
    public var requests: [JournalEntry] { state.journal }

    /// The resilience verdict on the client, judged from the journal.
    public var verdict: ResilienceVerdict { ResilienceVerdict(journal: state.journal) }

    /// Forgets attempt counts and the journal.
    public func reset() {
        state.reset()
    }

    /// Puts another scenario in force (and resets).
    ///
    /// - Throws: ``MockLLMError`` when the scenario does not load.
    public func load(_ scenario: ScenarioSource) throws {
        state.load(try scenario.load())
    }
}
