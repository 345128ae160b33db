import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("faults")
struct FaultTests {
    static func scenario(_ reply: Reply) -> ScenarioSource {
        .scenario(Scenario(name: "faults", rules: [Rule(name: "fault", reply: reply)]))
    }

    @Test("an error fault sends its status, Retry-After, retry-after-ms and an OpenAI error body")
    func errorFaultHasHeadersAndBody() async throws {
        let fault = Fault(status: 429, message: "slow down", retryAfter: 2, retryAfterMs: 50)
        let harness = try MockHarness(Self.scenario(.fault(fault)))
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.user("hi"))
            #expect(response.status.code == 429)
            #expect(response.headers[.retryAfter] == "2")
            #expect(response.headers[HTTPField.Name("retry-after-ms")!] == "50")
            let body = try response.decode(OpenAIErrorBody.self)
            #expect(body.error == .init(message: "slow down", type: "rate_limit_error", code: "rate_limit_exceeded"))
            #expect(response.text.contains(#""param":null"#))
        }
    }

    @Test("a delay waits on the injected clock before answering")
    func delayUsesClock() async throws {
        let clock = ManualClock()
        let harness = try MockHarness(Self.scenario(Reply(text: "late", delayMs: 250)), clock: clock)
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.user("hi"))
            #expect(response.status == .ok)
        }
        #expect(clock.sleeps == [.milliseconds(250)])
    }

    @Test("a hang answers nothing until its time passes on the clock, then cuts the connection")
    func hangWaitsOnClock() async throws {
        let clock = ManualClock(mode: .manual)
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .hang, ms: 5_000))), clock: clock)
        try await harness.test { client async throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await #expect(throws: MockLLMError.connectionCut("hang ended")) {
                        _ = try await client.chat(Requests.user("hi"))
                    }
                }
                try await clock.waitForSleepers(1)
                #expect(clock.pendingSleeps == 1)
                #expect(harness.state.journal.last?.outcome == "hang")
                clock.advance(by: .seconds(5))
                try await group.waitForAll()
            }
        }
    }

    @Test("a drop fault cuts the connection before any body byte")
    func dropCutsConnection() async throws {
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .drop))))
        try await harness.test { client async throws in
            _ = await #expect(throws: MockLLMError.connectionCut("drop fault")) {
                _ = try await client.chat(Requests.user("hi"))
            }
        }
        #expect(harness.state.journal.last?.status == nil)
    }

    @Test("a malformed fault answers 200 with a body that is not JSON")
    func malformedIsNotJSON() async throws {
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .malformed))))
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.user("hi"))
            #expect(response.status == .ok)
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: response.data) }
        }
    }

    @Test("a truncate fault on a stream sends the first events and no [DONE]")
    func truncateCutsStream() async throws {
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .truncate, afterChunks: 2))))
        try await harness.test { client async throws in
            var request = Requests.user("hi")
            request.stream = true
            await #expect(throws: MockLLMError.connectionCut("stream cut short")) {
                _ = try await client.chat(request)
            }
        }
        #expect(harness.state.journal.last?.outcome == "truncate")
    }

    @Test("attempts are counted per conversation: another conversation starts at attempt 1")
    func attemptsPerConversation() async throws {
        let harness = try MockHarness(.builtIn("ch11-flaky"))
        try await harness.test { client async throws in
            let a = Requests.user("deploy service A")
            let b = Requests.user("deploy service B")
            #expect(try await client.chat(a).status.code == 429)
            #expect(try await client.chat(b).status.code == 429)
            #expect(try await client.chat(a).status.code == 500)
            // The same request under another conversation label is counted apart.
            let labelled: HTTPFields = [HTTPField.Name("x-mock-conversation")!: "client-2"]
            #expect(try await client.chat(a, headers: labelled).status.code == 429)
            #expect(try await client.chat(a).status.code == 200)
            #expect(try await client.chat(b).status.code == 500)
        }
        #expect(harness.state.journal.map(\.attempt) == [1, 1, 2, 1, 3, 2])
    }

    @Test("concurrent clients with their own conversations each see 429, 500, 200")
    func concurrentConversationsDoNotInterfere() async throws {
        let harness = try MockHarness(.builtIn("ch11-flaky"))
        try await harness.test { client async throws in
            try await withThrowingTaskGroup(of: [UInt].self) { group in
                for index in 0..<8 {
                    group.addTask {
                        let request = Requests.user("deploy service \(index)")
                        var statuses: [UInt] = []
                        for _ in 0..<3 { statuses.append(UInt(try await client.chat(request).status.code)) }
                        return statuses
                    }
                }
                for try await statuses in group {
                    #expect(statuses == [429, 500, 200])
                }
            }
        }
    }

    @Test("a truncate fault on a JSON answer sends half the body under the full Content-Length, then cuts")
    func truncateCutsBody() async throws {
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .truncate))))
        try await harness.test { client async throws in
            _ = await #expect(throws: MockLLMError.connectionCut("body cut short")) {
                _ = try await client.chat(Requests.user("hi"))
            }
        }
    }

    @Test("a malformed fault on a stream sends an event that is not JSON, then [DONE]")
    func malformedStream() async throws {
        let harness = try MockHarness(Self.scenario(.fault(Fault(kind: .malformed))))
        try await harness.test { client async throws in
            var request = Requests.user("hi")
            request.stream = true
            let events = try await client.chat(request).events
            #expect(events.last == "[DONE]")
            #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(events[0].utf8)) }
        }
    }
}
