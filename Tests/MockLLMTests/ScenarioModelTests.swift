import Foundation
import LabKit
import Testing
@testable import MockLLM

@Suite("scenario model, in-process")
struct ScenarioModelTests {
    @Test("answers the lab 04 loop like the server, with the server's ids")
    func lab04InProcess() async throws {
        let model = try ScenarioModel(scenario: .builtIn("lab04-autonomy"), strict: true)
        let request = Requests.lab04()
        let answer = try await model.complete(request)
        #expect(answer.message?.toolCalls?.first?.function.name == "check_disk")
        let harness = try MockHarness(.builtIn("lab04-autonomy"))
        let overHTTP = try await harness.test { client async throws in
            try await client.chat(request).decode(ChatCompletionResponse.self)
        }
        #expect(answer == overHTTP)
        #expect(model.requests.first?.rule == "check the disk first")
    }

    @Test("faults become the LLMError OpenAIClient would throw")
    func faultsBecomeLLMErrors() async throws {
        let model = try ScenarioModel(scenario: .builtIn("ch11-flaky"))
        let request = Requests.user("deploy")
        await #expect(throws: LLMError.http(
            status: 429, message: Fault.defaultMessage(for: 429), type: "rate_limit_error",
            code: "rate_limit_exceeded", retryAfter: .milliseconds(50)
        )) { _ = try await model.complete(request) }
        do {
            _ = try await model.complete(request)
            Issue.record("expected a 500")
        } catch let error as LLMError {
            #expect(error.status == 500)
            #expect(error.isRetryable)
        }
        #expect(try await model.complete(request).message?.content?.hasPrefix("Plan ready") == true)
    }

    @Test("a delay and a hang wait on the injected clock")
    func delayAndHangUseClock() async throws {
        let clock = ManualClock()
        let scenario = Scenario(name: "slow", rules: [
            Rule(name: "hang", when: Conditions(lastUserContains: "hang"), reply: .fault(Fault(kind: .hang, ms: 3_000))),
            Rule(name: "slow", reply: Reply(text: "late", delayMs: 40)),
        ])
        let model = try ScenarioModel(scenario: .scenario(scenario), clock: clock)
        #expect(try await model.complete(Requests.user("hi")).message?.content == "late")
        await #expect(throws: LLMError.self) { _ = try await model.complete(Requests.user("hang")) }
        #expect(clock.sleeps == [.milliseconds(40), .seconds(3)])
    }
}
