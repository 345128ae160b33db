extension MockLLMServer {
    /// How long the server waits for a client, and how many clients it serves at once.
    ///
    /// Every wait has a bound, so that no client (idle, slow or broken) holds a connection for
    /// ever. Tests set them to tens of milliseconds.
    public struct ConnectionLimits: Sendable, Hashable {
        /// How long a connection may wait, between requests, for the first byte of the next one;
        /// then it is closed without a word (keep-alive expiry).
        public var idleTimeout: Duration
        /// How long a request head may take to arrive, from its first byte to its blank line;
        /// then the server answers 408 and closes.
        public var headerTimeout: Duration
        /// How long a request body may take to arrive after its head; then the server answers
        /// 408 and closes.
        public var bodyTimeout: Duration
        /// After a response that ends its connection (a rejected request, `Connection: close`),
        /// how long the server reads and discards what the client still sends before it closes,
        /// so that the client reads the answer rather than a reset.
        public var lingerTimeout: Duration
        /// The most connections served at once; more wait in the listen queue.
        public var maxConnections: Int

        /// Creates limits; the defaults suit a lab on one machine.
        public init(
            idleTimeout: Duration = .seconds(60),
            headerTimeout: Duration = .seconds(10),
            bodyTimeout: Duration = .seconds(30),
            lingerTimeout: Duration = .seconds(2),
            maxConnections: Int = 1024
        ) {
            self.idleTimeout = idleTimeout
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.lingerTimeout = lingerTimeout
            self.maxConnections = maxConnections
        }
    }
}
