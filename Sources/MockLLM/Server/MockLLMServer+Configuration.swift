import Logging

extension MockLLMServer {
    /// How the server listens and behaves.
    public struct Configuration: Sendable {
        /// A logger that reports warnings and worse only.
        public static var quietLogger: Logger {
            var logger = Logger(label: "mock-llm")
            logger.logLevel = .warning
            return logger
        }

        /// The address to bind; loopback unless told otherwise.
        public var host: String
        /// The port; 0 picks a free one.
        public var port: Int
        /// Seeds every identifier and every chaos draw.
        public var seed: UInt64
        /// When no rule matches: `true` answers 400 naming the nearest rule, `false` answers
        /// the scenario's fallback.
        public var strict: Bool
        /// The largest request body accepted; larger ones get 413.
        public var maxBodyBytes: Int
        /// Timeouts and the connection limit.
        public var connections: ConnectionLimits
        /// How many requests the journal keeps (oldest dropped first).
        public var journalLimit: Int
        /// The clock delays and hangs wait on; tests pass a manual clock.
        public var clock: any Clock<Duration>
        /// Where the server logs; quiet (warnings and worse) by default, for embedding.
        public var logger: Logger
        /// Whether plain chat completions are answered on the event loop (the fast lane) rather
        /// than through the router; the bytes are the same. Off only to compare the two.
        public var fastLane = true

        /// Creates a configuration; every parameter has a default.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            seed: UInt64 = 0,
            strict: Bool = false,
            maxBodyBytes: Int = 4 << 20,
            connections: ConnectionLimits = ConnectionLimits(),
            journalLimit: Int = 1000,
            clock: any Clock<Duration> = ContinuousClock(),
            logger: Logger = Configuration.quietLogger
        ) {
            self.host = host
            self.port = port
            self.seed = seed
            self.strict = strict
            self.maxBodyBytes = maxBodyBytes
            self.connections = connections
            self.journalLimit = journalLimit
            self.clock = clock
            self.logger = logger
        }
    }
}
