/// One way a client can mishandle failures, as the resilience verdict detects it from the
/// journal. A request's retries are the later requests with the same conversation key (the same
/// bytes and `x-mock-conversation` label); the gap before a retry runs from the earlier
/// request's arrival, plus its reply's `delayMs`, to the retry's arrival, on the server's clock.
public enum ResilienceCheck: String, Sendable, Hashable, Codable, CaseIterable {
    /// A retry came sooner after a 429 (or any error with a retry delay) than its `retry-after-ms`
    /// or `Retry-After` asked.
    case retriedBeforeRetryAfter = "retried-before-retry-after"
    /// A retry after a failure that named no delay came less than 100 ms after it, or at least
    /// two such retries of one request came at intervals that did not grow (the last less than
    /// 1.5 times the first).
    case retriedWithoutBackoff = "retried-without-backoff"
    /// A request that got a 4xx other than 408, 409 or 429 (or a 400 the server could not read)
    /// was sent again.
    case retriedNonRetryable = "retried-non-retryable"
    /// A request's last attempt failed in a way worth retrying (408, 409, 429, 5xx, a hang, a
    /// dropped connection, a stream cut short) and the scenario's next step would have answered.
    case gaveUpTooEarly = "gave-up-too-early"
    /// A stream was cut short, and a later request carries its partial text as an assistant
    /// message: the client took half an answer for a whole one.
    case acceptedTruncatedStream = "accepted-truncated-stream"

    /// What the check says when it fails.
    public var title: String {
        switch self {
        case .retriedBeforeRetryAfter: "retried before the Retry-After delay"
        case .retriedWithoutBackoff: "retried without backing off"
        case .retriedNonRetryable: "retried a request that cannot succeed (4xx)"
        case .gaveUpTooEarly: "gave up while a retry would have succeeded"
        case .acceptedTruncatedStream: "accepted a stream that was cut short"
        }
    }

    /// What the check says when it holds.
    public var praise: String {
        switch self {
        case .retriedBeforeRetryAfter: "honoured Retry-After"
        case .retriedWithoutBackoff: "backed off between retries"
        case .retriedNonRetryable: "did not retry 4xx errors"
        case .gaveUpTooEarly: "kept retrying while it was worth it"
        case .acceptedTruncatedStream: "did not use cut-short streams"
        }
    }
}
