import Hummingbird
import HummingbirdCore
import LabKit
import Logging

extension MockLLMServer {
    /// Builds the router with every route of the mock server over the given state.
    ///
    /// Tests drive it in-process with HummingbirdTesting; ``start(scenario:seed:strict:configuration:)``
    /// serves it on a port.
    static func buildRouter(state: MockState, configuration: Configuration) -> Router<MockRequestContext> {
        let router = Router(context: MockRequestContext.self)
        router.add(middleware: OpenAIErrorMiddleware())
        let chat = ChatCompletionsHandler(state: state, clock: configuration.clock, maxBodyBytes: configuration.maxBodyBytes)
        let admin = AdminRoutes(state: state, maxBodyBytes: configuration.maxBodyBytes)
        let responses = ResponsesHandler(state: state, clock: configuration.clock, maxBodyBytes: configuration.maxBodyBytes)
        router.post("/v1/chat/completions", use: chat.handle)
        router.post("/v1/responses", use: responses.handle)
        router.get("/v1/models", use: admin.models)
        router.get("/health", use: admin.health)
        router.get("/_mock/requests", use: admin.requests)
        router.get("/_mock/verdict", use: admin.verdict)
        router.post("/_mock/reset", use: admin.reset)
        router.post("/_mock/scenario", use: admin.loadScenario)
        return router
    }

    /// Builds the application: the router bound to the configured host and port.
    static func buildApplication(
        state: MockState,
        configuration: Configuration,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let lane = configuration.fastLane ? FastLaneSetup(state: state, maxBodyBytes: configuration.maxBodyBytes, logger: configuration.logger) : nil
        return buildApplication(
            router: buildRouter(state: state, configuration: configuration), configuration: configuration, fastLane: lane,
            onServerRunning: onServerRunning
        )
    }

    /// What a connection needs to build its ``ChatFastLane``.
    struct FastLaneSetup: Sendable {
        let state: MockState
        let maxBodyBytes: Int
        let logger: Logger
    }

    /// The `Server` header of every answer.
    static let serverName = "mock-llm"

    /// Builds an application that serves `router` on the configured host and port, with the
    /// connection guard and limit.
    static func buildApplication(
        router: Router<MockRequestContext>,
        configuration: Configuration,
        fastLane: FastLaneSetup? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let limits = configuration.connections
        let maxBodyBytes = configuration.maxBodyBytes
        let server = HTTPServerBuilder { responder in
            GuardedHTTP1Channel(base: HTTP1Channel(responder: responder), limits: limits, maxBodyBytes: maxBodyBytes, fastLane: fastLane)
        }
        return Application(
            router: router,
            server: server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: serverName,
                availableConnectionsDelegate: MaximumAvailableConnections(max(1, limits.maxConnections), logger: configuration.logger)
            ),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: configuration.logger
        )
    }
}
