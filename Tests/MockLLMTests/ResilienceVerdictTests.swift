import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("the resilience verdict")
struct ResilienceVerdictTests {
    /// A journal entry of a chat request in conversation `key`, arrived at `ms`.
    static func entry(
        _ sequence: Int, _ key: String = "a", at ms: Int, status: Int?, outcome: String? = nil,
        retryAfterMs: Int? = nil, next: Bool? = nil, cut: String? = nil, body: String = "{}"
    ) -> JournalEntry {
        var entry = JournalEntry(
            sequence: sequence, method: "POST", path: "/v1/chat/completions", body: body, rule: "r", attempt: nil,
            status: status, outcome: outcome ?? (status == 200 ? "text" : "error")
        )
        entry.conversation = key
        entry.receivedMs = ms
        entry.retryAfterMs = retryAfterMs
        entry.nextAttemptAnswers = next
        entry.cutContent = cut
        return entry
    }

    static func failed(_ journal: [JournalEntry]) -> [ResilienceCheck] {
        ResilienceVerdict(journal: journal).findings.map(\.check)
    }

    @Test("a client that waits out Retry-After, backs off, stops at a 400 and retries until answered passes")
    func wellBehaved() {
        let journal = [
            Self.entry(1, "a", at: 0, status: 429, retryAfterMs: 300, next: false),
            Self.entry(2, "a", at: 320, status: 429, retryAfterMs: 300, next: true),
            Self.entry(3, "a", at: 650, status: 200),
            Self.entry(4, "b", at: 700, status: 503, next: false),
            Self.entry(5, "b", at: 1200, status: 503, next: false),
            Self.entry(6, "b", at: 2200, status: 503, next: true),
            Self.entry(7, "b", at: 4200, status: 200),
            Self.entry(8, "c", at: 4300, status: 400, next: false),
        ]
        let verdict = ResilienceVerdict(journal: journal)
        #expect(verdict.passed, "\(verdict.text)")
        #expect(verdict.requests == 8 && verdict.conversations == 3 && verdict.retries == 5)
        #expect(verdict.retryableFailures == 5)
    }

    @Test("a retry sooner than Retry-After is caught; one as late as it asked is not")
    func retryAfter() {
        #expect(Self.failed([Self.entry(1, at: 0, status: 429, retryAfterMs: 300), Self.entry(2, at: 299, status: 200)]) == [.retriedBeforeRetryAfter])
        #expect(Self.failed([Self.entry(1, at: 0, status: 429, retryAfterMs: 300), Self.entry(2, at: 300, status: 200)]).isEmpty)
    }

    @Test("an immediate retry, and retries at intervals that do not grow, are no backoff")
    func backoff() {
        #expect(Self.failed([Self.entry(1, at: 0, status: 500), Self.entry(2, at: 20, status: 200)]) == [.retriedWithoutBackoff])
        let constant = [
            Self.entry(1, at: 0, status: 503), Self.entry(2, at: 200, status: 503), Self.entry(3, at: 400, status: 503),
            Self.entry(4, at: 600, status: 200),
        ]
        #expect(Self.failed(constant) == [.retriedWithoutBackoff])
        let doubling = [Self.entry(1, at: 0, status: 503), Self.entry(2, at: 200, status: 503), Self.entry(3, at: 600, status: 200)]
        #expect(Self.failed(doubling).isEmpty)
    }

    @Test("sending a 400 or 404 again is caught; 408, 409 and 429 may be retried", arguments: [400, 401, 404, 422])
    func nonRetryable(status: Int) {
        #expect(Self.failed([Self.entry(1, at: 0, status: status), Self.entry(2, at: 5000, status: status)]) == [.retriedNonRetryable])
    }

    @Test("stopping after a retryable failure is giving up too early only when the next attempt would have been answered")
    func gaveUp() {
        #expect(Self.failed([Self.entry(1, at: 0, status: 503, next: true)]) == [.gaveUpTooEarly])
        #expect(Self.failed([Self.entry(1, at: 0, status: 503, next: false)]).isEmpty)
        #expect(Self.failed([Self.entry(1, at: 0, status: nil, outcome: "drop", next: true)]) == [.gaveUpTooEarly])
        #expect(Self.failed([Self.entry(1, at: 0, status: 400, next: true)]).isEmpty, "a 400 is never worth a retry")
    }

    @Test("a later request that sends a cut stream's text back as the assistant's answer is caught")
    func truncatedStream() throws {
        let followUp = String(decoding: try ChatWire.encode(ChatCompletionRequest(
            model: "m", messages: [.user("tell me a story"), .assistant("Once upon "), .user("go on")]
        )), as: UTF8.self)
        let accepted = [
            Self.entry(1, "a", at: 0, status: 200, outcome: "truncate", next: true, cut: "Once upon "),
            Self.entry(2, "b", at: 100, status: 200, body: followUp),
        ]
        let verdict = ResilienceVerdict(journal: accepted)
        #expect(verdict.findings.map(\.check).sorted { $0.rawValue < $1.rawValue } == [.acceptedTruncatedStream, .gaveUpTooEarly])
        let retried = [
            Self.entry(1, "a", at: 0, status: 200, outcome: "truncate", next: true, cut: "Once upon "),
            Self.entry(2, "a", at: 500, status: 200),
        ]
        #expect(Self.failed(retried).isEmpty)
    }

    @Test("the journal records what the verdict needs: conversation, arrival on the server's clock, Retry-After, the next step, the cut text")
    func journalFacts() async throws {
        let clock = ManualClock(mode: .manual)
        let harness = try MockHarness(.builtIn("resilience"), clock: clock)
        try await harness.test { client async throws in
            _ = try await client.chat(Requests.user("rate limit me"))
            clock.advance(by: .milliseconds(120))
            _ = try await client.chat(Requests.user("rate limit me"))
            clock.advance(by: .milliseconds(400))
            _ = try await client.chat(Requests.user("rate limit me"))
            var story = Requests.user("tell me a story")
            story.stream = true
            _ = try? await client.chat(story)
        }
        let journal = harness.state.journal
        #expect(journal.map(\.receivedMs) == [0, 120, 520, 520])
        #expect(journal.map(\.retryAfterMs) == [300, 300, nil, nil])
        #expect(journal.map(\.nextAttemptAnswers) == [false, true, nil, true])
        #expect(Set(journal.prefix(3).map(\.conversation)).count == 1)
        #expect(journal[3].cutContent == "This answer ")
        let verdict = ResilienceVerdict(journal: journal)
        #expect(verdict.findings.map(\.check) == [.retriedBeforeRetryAfter, .gaveUpTooEarly])
    }

    @Test("GET /_mock/verdict answers the verdict as JSON, counts by check name")
    func route() async throws {
        let harness = try MockHarness(.builtIn("resilience"))
        let data = try await harness.test { client async throws in
            _ = try await client.chat(Requests.user("invalid please"))
            _ = try await client.chat(Requests.user("invalid please"))
            return try await client.execute(uri: "/_mock/verdict", method: .get).data
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["passed"] as? Bool == false)
        #expect((object?["counts"] as? [String: Int])?["retried-non-retryable"] == 1)
        #expect((object?["counts"] as? [String: Int])?.count == ResilienceCheck.allCases.count)
    }
}
