import Foundation
import Hummingbird
import LabKit

extension MockLLMServer {
    /// Runs a server in the foreground until SIGINT or SIGTERM, as the `mock-llm` command does.
    ///
    /// - Parameters:
    ///   - scenario: the script the model follows.
    ///   - configuration: host, port, seed, strictness, limits, clock, logger.
    ///   - onListening: called once with the API root when the port is bound.
    /// - Returns: the resilience verdict on the requests served, judged at exit.
    /// - Throws: ``MockLLMError`` when the scenario does not load; the server's error when it
    ///   cannot bind.
    @discardableResult
    public static func serve(
        scenario: ScenarioSource,
        configuration: Configuration,
        onListening: @escaping @Sendable (URL) async -> Void
    ) async throws -> ResilienceVerdict {
        let state = try MockState(scenario: scenario, configuration: configuration)
        let host = configuration.host
        let application = buildApplication(state: state, configuration: configuration) { port in
            if let url = apiRoot(host: host, port: port) {
                await onListening(url)
            }
        }
        try await application.runService()
        return ResilienceVerdict(journal: state.journal)
    }
}
