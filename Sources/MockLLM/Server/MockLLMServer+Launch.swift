import Hummingbird

extension MockLLMServer {
    /// Runs an application in a task of its own and returns once it listens: the port and the
    /// task, which the caller owns (cancels and joins to stop).
    ///
    /// - Throws: ``MockLLMError/serverNotStarted(_:)`` when it stops before it listens.
    static func launch<App: ApplicationProtocol>(
        configuration: Configuration,
        build: (@escaping @Sendable (Int) async -> Void) -> App
    ) async throws -> (port: Int, running: Task<Void, any Error>) {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = build { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let running = Task {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason: String
            do {
                try await running.value
                reason = "the server stopped before it listened"
            } catch {
                reason = "\(error)"
            }
            throw MockLLMError.serverNotStarted("cannot listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        return (port, running)
    }
}
