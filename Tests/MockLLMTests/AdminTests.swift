import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("admin API")
struct AdminTests {
    private struct Journal: Decodable {
        let count: Int
        let requests: [JournalEntry]
    }

    @Test("the journal lists each request body and the rule that matched; reset empties it and the attempt counts")
    func journalAndReset() async throws {
        let harness = try MockHarness(.builtIn("ch11-flaky"))
        try await harness.test { client async throws in
            let request = Requests.user("Plan it")
            #expect(try await client.chat(request).status.code == 429)
            let journal = try await client.execute(uri: "/_mock/requests", method: .get).decode(Journal.self)
            #expect(journal.count == 1)
            let entry = try #require(journal.requests.first)
            #expect(entry.rule == "rate limited, then a server error, then an answer")
            #expect(entry.status == 429)
            #expect(entry.attempt == 1)
            #expect(try ChatWire.decode(ChatCompletionRequest.self, from: Data(entry.body.utf8)) == request)

            #expect(try await client.execute(uri: "/_mock/reset", method: .post).status == .ok)
            #expect(try await client.execute(uri: "/_mock/requests", method: .get).decode(Journal.self).count == 0)
            #expect(try await client.chat(request).status.code == 429)
        }
    }

    @Test("POST /_mock/scenario loads a posted scenario or a built-in one, and rejects a bad one with 400")
    func loadScenario() async throws {
        let harness = try MockHarness(.builtIn("echo"))
        try await harness.test { client async throws in
            let posted = #"{"name": "posted", "rules": [{"name": "r", "reply": {"text": "from the posted scenario"}}]}"#
            let loaded = try await client.execute(uri: "/_mock/scenario", method: .post, body: ByteBuffer(string: posted))
            #expect(loaded.status == .ok)
            let answer = try await client.chat(Requests.user("hi")).decode(ChatCompletionResponse.self)
            #expect(answer.message?.content == "from the posted scenario")

            let builtIn = try await client.execute(uri: "/_mock/scenario", method: .post, body: ByteBuffer(string: #"{"builtIn": "lab04-autonomy"}"#))
            #expect(builtIn.status == .ok)
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.text.contains(#""scenario":"lab04-autonomy""#))

            let bad = try await client.execute(uri: "/_mock/scenario", method: .post, body: ByteBuffer(string: #"{"name": "x", "rules": [{"name": "r"}]}"#))
            #expect(bad.status == .badRequest)
            let error = try bad.decode(OpenAIErrorBody.self)
            #expect(error.error.code == "invalid_scenario")
            #expect(error.error.message.contains("needs a \"reply\""))
        }
    }

    @Test("GET /health reports the scenario, seed and strictness")
    func health() async throws {
        let harness = try MockHarness(.builtIn("lab02-tools"), seed: 42, strict: true)
        try await harness.test { client async throws in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"scenario":"lab02-tools","seed":42,"status":"ok","strict":true}"#)
        }
    }
}

@Suite("journal limit")
struct JournalLimitTests {
    @Test("the journal keeps the most recent requests up to its limit, oldest first, at every count", arguments: [0, 1, 3])
    func journalKeepsLatest(limit: Int) {
        let state = MockState(engine: ScenarioEngine(scenario: Scenario(name: "s", rules: []), seed: 0, strict: false), journalLimit: limit)
        for count in 1...10 {
            state.record(method: "POST", path: "/", body: "\(count)", rule: nil, attempt: nil, status: 200, outcome: "text")
            let kept = Array((1...count).suffix(limit))
            #expect(state.journal.map(\.body) == kept.map(String.init), "after \(count) requests")
            #expect(state.journal.map(\.sequence) == kept, "after \(count) requests")
        }
        state.reset()
        #expect(state.journal.isEmpty)
        state.record(method: "POST", path: "/", body: "again", rule: nil, attempt: nil, status: 200, outcome: "text")
        #expect(state.journal.map(\.sequence) == (limit == 0 ? [] : [1]))
    }

    @Test("the journal keeps at most 256 KiB of a body and says how much it cut")
    func journalClipsBodies() {
        let state = MockState(engine: ScenarioEngine(scenario: Scenario(name: "s", rules: []), seed: 0, strict: false), journalLimit: 3)
        state.record(method: "POST", path: "/", body: String(repeating: "x", count: MockState.journalBodyLimit + 10), rule: nil, attempt: nil, status: 200, outcome: "text")
        let body = state.journal.first?.body ?? ""
        #expect(body.hasSuffix("…[10 more bytes not kept]"))
        #expect(body.hasPrefix(String(repeating: "x", count: MockState.journalBodyLimit)))
    }
}
