/// A judgement of the client's handling of failures, made from the request journal: did it
/// honour `Retry-After`, back off, leave 4xx errors alone, keep trying while a retry would work,
/// and refuse a stream cut short. `GET /_mock/verdict` answers it; `mock-llm --verdict` prints
/// it at exit. ``ResilienceCheck`` defines each check.
///
/// ```swift
/// let verdict = server.verdict
/// #expect(verdict.passed, "\(verdict.text)")
/// ```
public struct ResilienceVerdict: Sendable, Hashable, Codable {
    /// Whether every check held.
    public var passed: Bool
    /// Chat requests judged.
    public var requests: Int
    /// Distinct requests among them (a request and its retries count once).
    public var conversations: Int
    /// Requests that were retries of an earlier one.
    public var retries: Int
    /// Attempts that failed in a way worth retrying.
    public var retryableFailures: Int
    /// For every check, how many times it failed (0 when it held).
    public var counts: [ResilienceCheck: Int]
    /// Every failure, in journal order.
    public var findings: [VerdictFinding]

    /// Creates a verdict.
    public init(requests: Int, conversations: Int, retries: Int, retryableFailures: Int, findings: [VerdictFinding]) {
        self.passed = findings.isEmpty
        self.requests = requests
        self.conversations = conversations
        self.retries = retries
        self.retryableFailures = retryableFailures
        self.findings = findings
        self.counts = Dictionary(uniqueKeysWithValues: ResilienceCheck.allCases.map { check in
            (check, findings.count { $0.check == check })
        })
    }

    enum CodingKeys: String, CodingKey {
        case passed, requests, conversations, retries, retryableFailures, counts, findings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        passed = try container.decode(Bool.self, forKey: .passed)
        requests = try container.decode(Int.self, forKey: .requests)
        conversations = try container.decode(Int.self, forKey: .conversations)
        retries = try container.decode(Int.self, forKey: .retries)
        retryableFailures = try container.decode(Int.self, forKey: .retryableFailures)
        findings = try container.decode([VerdictFinding].self, forKey: .findings)
        let named = try container.decode([String: Int].self, forKey: .counts)
        counts = Dictionary(uniqueKeysWithValues: named.compactMap { key, value in ResilienceCheck(rawValue: key).map { ($0, value) } })
    }

    /// Counts keyed by the checks' names, so that the JSON is an object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(passed, forKey: .passed)
        try container.encode(requests, forKey: .requests)
        try container.encode(conversations, forKey: .conversations)
        try container.encode(retries, forKey: .retries)
        try container.encode(retryableFailures, forKey: .retryableFailures)
        try container.encode(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }), forKey: .counts)
        try container.encode(findings, forKey: .findings)
    }
}
