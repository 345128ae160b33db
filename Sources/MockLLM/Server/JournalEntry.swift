/// One request the server received, as `GET /_mock/requests` lists it.
public struct JournalEntry: Sendable, Hashable, Codable {
    /// 1 for the first request since start or the last reset.
    public var sequence: Int
    /// The HTTP method.
    public var method: String
    /// The request path.
    public var path: String
    /// The request body as received (UTF-8, invalid bytes replaced).
    public var body: String
    /// The rule that answered, `"(fallback)"`, or `nil`.
    public var rule: String?
    /// The attempt number within the conversation (1 for the first time it was seen).
    public var attempt: Int?
    /// The status sent, or `nil` when a fault cut the connection.
    public var status: Int?
    /// What the server did: `text`, `tool_calls`, `error`, `hang`, `drop`, `malformed`,
    /// `truncate`, `no_match` or `bad_request`.
    public var outcome: String
    /// The request's fields beyond those OpenAI documents (`max_token`, `messages[1].weight`),
    /// accepted and ignored; absent when there are none.
    public var unknownFields: [String]?
    /// The conversation key (16 hex digits): a request and its retries share it (the same bytes
    /// and `x-mock-conversation` label).
    public var conversation: String?
    /// When the request arrived, in milliseconds since the server started, on the server's clock.
    public var receivedMs: Int?
    /// How long the reply waited before answering (`delayMs`), when it did.
    public var delayMs: Int?
    /// The wait an error asked for, in milliseconds (`retry-after-ms`, else `Retry-After`).
    public var retryAfterMs: Int?
    /// For a fault: whether the same request sent again would have been answered.
    public var nextAttemptAnswers: Bool?
    /// For a stream cut short: the text it carried before the cut.
    public var cutContent: String?

    /// Creates an entry.
    public init(
        sequence: Int, method: String, path: String, body: String, rule: String?, attempt: Int?, status: Int?, outcome: String,
        unknownFields: [String]? = nil
    ) {
        self.sequence = sequence
        self.method = method
        self.path = path
        self.body = body
        self.rule = rule
        self.attempt = attempt
        self.status = status
        self.outcome = outcome
        self.unknownFields = unknownFields
    }
}
