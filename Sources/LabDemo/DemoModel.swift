import Foundation
import LabKit
import Logging
import MockLLM

/// The model a lab demo talks to: the embedded mock server by default, or the OpenAI-compatible
/// endpoint that `OPENAI_BASE_URL` names.
///
/// ```swift
/// let endpoint = try await DemoModel.start(scenario: "lab04-autonomy")
/// print(endpoint.banner(command: "swift run lab04-autonomy"))
/// defer { Task { await endpoint.stop() } }
/// ```
public struct DemoModel: Sendable {
    /// The client, pointed at the mock server or at the real endpoint.
    public let client: OpenAIClient
    /// The embedded server, when no real endpoint is configured.
    public let server: MockLLMServer?
    /// The mock scenario in use, if the mock server is.
    public let scenario: String?

    /// Starts the embedded mock server on 127.0.0.1 (a free port) with `scenario`, unless
    /// `OPENAI_BASE_URL` is set.
    /// - Parameters:
    ///   - scenario: A built-in scenario name or a scenario file.
    ///   - environment: Where `OPENAI_*` are read; the process environment by default.
    /// - Throws: `LLMError.configuration` for a bad `OPENAI_BASE_URL`; `MockLLMError` when the
    ///   scenario does not load or the server cannot start.
    public static func start(
        scenario: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> DemoModel {
        if let base = environment["OPENAI_BASE_URL"], !base.isEmpty {
            return DemoModel(client: try OpenAIClient.fromEnvironment(environment), server: nil, scenario: nil)
        }
        let server = try await MockLLMServer.start(scenario: .named(scenario), seed: 0, configuration: .init(logger: silentLogger))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt", timeout: .seconds(30))
        return DemoModel(client: client, server: server, scenario: scenario)
    }

    /// Stops the embedded server, if there is one.
    public func stop() async {
        await server?.stop()
    }

    /// Says which model is in use and how to use another one.
    /// - Parameter command: How the demo is started, for the example line.
    public func banner(command: String) -> String {
        if server == nil {
            return "Model: \(client.model) at \(client.baseURL.absoluteString) (from OPENAI_BASE_URL)"
        }
        return """
            Model: the embedded mock LLM server at \(client.baseURL.absoluteString), scenario \(scenario ?? "?"): \
            offline, no API key.
            To use a real OpenAI-compatible model instead:
              OPENAI_BASE_URL=https://api.openai.com/v1 OPENAI_API_KEY=sk-… OPENAI_MODEL=gpt-4o-mini \(command)
            """
    }
}

/// The embedded server's logger: silent but for critical trouble. Stopping the server cancels
/// its connections, which Hummingbird reports as errors a demo's reader should not see.
let silentLogger: Logger = {
    var logger = Logger(label: "mock-llm")
    logger.logLevel = .critical
    return logger
}()
