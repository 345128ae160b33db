import ArgumentParser
import Logging
import MockLLM

/// How the server (or the recording proxy) listens: address, limits, threads, logging. Shared
/// by `mock-llm serve` and `mock-llm record`.
struct ServerOptions: ParsableArguments {
    @Option(help: "The address to listen on. Keep the default (loopback) unless other machines must reach the server.")
    var host: String = "127.0.0.1"

    @Option(name: .shortAndLong, help: "The port to listen on; 0 picks a free port (the URL line tells which).")
    var port: Int = 8080

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

    /// The server configuration these options describe.
    func configuration(seed: UInt64 = 0, strict: Bool = false) -> MockLLMServer.Configuration {
        var logger = Logger(label: "mock-llm")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        return MockLLMServer.Configuration(
            host: host, port: port, seed: seed, strict: strict, maxBodyBytes: maxBodyBytes,
            connections: MockLLMServer.ConnectionLimits(
                idleTimeout: .seconds(idleTimeout), headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout),
                lingerTimeout: .seconds(lingerTimeout), maxConnections: maxConnections
            ),
            logger: logger
        )
    }
}
