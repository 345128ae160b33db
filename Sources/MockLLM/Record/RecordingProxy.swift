import Foundation
import Hummingbird
import LabKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A proxy between a client and a real OpenAI-compatible API that writes every chat exchange
/// into a scenario file, which ``MockLLMServer`` then replays offline: the same text and tool
/// calls, byte for byte, for the same conversations. The key is sent upstream and never written.
///
/// ```swift
/// let proxy = try await RecordingProxy.start(upstream: URL(string: "https://api.openai.com/v1")!, output: "lab04.json", apiKey: key)
/// // … run the lab against proxy.baseURL …
/// await proxy.stop()
/// let replay = try await MockLLMServer.start(scenario: .file("lab04.json"))
/// ```
public final class RecordingProxy: Sendable {
    /// The API root clients use while recording.
    public let baseURL: URL
    /// The port the proxy listens on.
    public let port: Int
    private let recorder: ScenarioRecorder
    private let running: Task<Void, any Error>

    private init(baseURL: URL, port: Int, recorder: ScenarioRecorder, running: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.recorder = recorder
        self.running = running
    }

    /// Starts recording and returns once the proxy listens.
    ///
    /// - Parameters:
    ///   - upstream: the API root to forward to, such as `https://api.openai.com/v1`.
    ///   - output: the scenario file to write (rewritten after every exchange).
    ///   - apiKey: sent upstream as a bearer token; `nil` forwards the client's `Authorization`.
    ///   - configuration: host, port, limits and logger of the proxy's own side.
    /// - Throws: ``MockLLMError/serverNotStarted(_:)`` when the port cannot be bound.
    public static func start(
        upstream: URL, output: String, apiKey: String?, configuration: MockLLMServer.Configuration = .init()
    ) async throws -> RecordingProxy {
        let recorder = ScenarioRecorder(name: Self.scenarioName(output), path: output)
        let router = buildRouter(upstream: upstream, apiKey: apiKey, recorder: recorder, configuration: configuration)
        let (port, running) = try await MockLLMServer.launch(configuration: configuration) { onRunning in
            MockLLMServer.buildApplication(router: router, configuration: configuration, onServerRunning: onRunning)
        }
        guard let baseURL = MockLLMServer.apiRoot(host: configuration.host, port: port) else {
            running.cancel()
            throw MockLLMError.serverNotStarted("no URL for \(configuration.host) port \(port)")
        }
        return RecordingProxy(baseURL: baseURL, port: port, recorder: recorder, running: running)
    }

    /// Records in the foreground until SIGINT or SIGTERM, as `mock-llm record` does.
    ///
    /// - Returns: the scenario recorded (also in `output`).
    /// - Throws: the server's error when it cannot bind.
    @discardableResult
    public static func serve(
        upstream: URL, output: String, apiKey: String?, configuration: MockLLMServer.Configuration,
        onListening: @escaping @Sendable (URL) async -> Void
    ) async throws -> Scenario {
        let recorder = ScenarioRecorder(name: Self.scenarioName(output), path: output)
        let router = buildRouter(upstream: upstream, apiKey: apiKey, recorder: recorder, configuration: configuration)
        let host = configuration.host
        let application = MockLLMServer.buildApplication(router: router, configuration: configuration) { port in
            if let url = MockLLMServer.apiRoot(host: host, port: port) { await onListening(url) }
        }
        try await application.runService()
        return recorder.scenario
    }

    /// Stops the proxy; the file holds every exchange recorded.
    public func stop() async {
        running.cancel()
        _ = try? await running.value
    }

    /// The scenario recorded so far.
    public var scenario: Scenario { recorder.scenario }

    private static func buildRouter(
        upstream: URL, apiKey: String?, recorder: ScenarioRecorder, configuration: MockLLMServer.Configuration
    ) -> Router<MockRequestContext> {
        let router = Router(context: MockRequestContext.self)
        router.add(middleware: OpenAIErrorMiddleware())
        let forwarder = UpstreamForwarder(
            upstream: upstream, apiKey: apiKey, recorder: recorder, maxBodyBytes: configuration.maxBodyBytes, session: .shared
        )
        router.post("**", use: forwarder.forward)
        router.get("**", use: forwarder.forward)
        return router
    }

    /// The scenario's name: the file's name without `.json`.
    static func scenarioName(_ path: String) -> String {
        let file = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return file.isEmpty ? "recorded" : file
    }
}
