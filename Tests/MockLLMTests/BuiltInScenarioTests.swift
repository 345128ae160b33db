import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("built-in scenarios")
struct BuiltInScenarioTests {
    @Test("every built-in scenario loads and validates")
    func everyBuiltInLoads() throws {
        let names = ScenarioSource.builtInNames
        #expect(names.contains("lab04-autonomy"))
        #expect(names.contains("lab02-tools"))
        #expect(names.contains("ch11-flaky"))
        for name in names {
            let scenario = try ScenarioSource.builtIn(name).load()
            #expect(scenario.name == name)
        }
    }

    @Test("an unknown built-in name is an error that lists the real ones")
    func unknownBuiltInListsNames() {
        #expect(throws: MockLLMError.unknownScenario("lab99", available: ScenarioSource.builtInNames)) {
            try ScenarioSource.builtIn("lab99").load()
        }
    }

    @Test("lab 04: check_disk, then clean_logs at 95%, then check_disk again, then a final text")
    func lab04AgentLoop() async throws {
        let harness = try MockHarness(.builtIn("lab04-autonomy"), strict: true)
        try await harness.test { client async throws in
            var conversation: [ChatMessage] = []
            func step() async throws -> ChatMessage {
                let response = try await client.chat(Requests.lab04(conversation))
                #expect(response.status == .ok, "\(response.text)")
                return try #require(try response.decode(ChatCompletionResponse.self).message)
            }
            let first = try await step()
            #expect(first.toolCalls?.map(\.function.name) == ["check_disk"])
            conversation += [first, .tool("Disk Usage: 95% (CRITICAL). Large folder: /var/log", callID: first.toolCalls?[0].id ?? "")]

            let second = try await step()
            #expect(second.toolCalls?.map(\.function.name) == ["clean_logs"])
            conversation += [second, .tool("Logs cleaned. Freed 20GB.", callID: second.toolCalls?[0].id ?? "")]

            let third = try await step()
            #expect(third.toolCalls?.map(\.function.name) == ["check_disk"])
            conversation += [third, .tool("Disk Usage: 40% (OK)", callID: third.toolCalls?[0].id ?? "")]

            let last = try await step()
            #expect(last.toolCalls == nil)
            #expect(last.content?.contains("Disk Usage: 40% (OK)") == true)
        }
        #expect(harness.state.journal.map(\.rule) == [
            "check the disk first", "clean the logs when the disk is full", "check again after cleaning", "report after the second check",
        ])
    }

    @Test("lab 02: get_server_status is called with the IP from the question, then the answer quotes the result")
    func lab02ToolCall() async throws {
        let harness = try MockHarness(.builtIn("lab02-tools"), strict: true)
        try await harness.test { client async throws in
            let tools = [ToolDefinition(name: "get_server_status", parameters: ["type": "object", "properties": ["ip": ["type": "string"]]])]
            var request = ChatCompletionRequest(model: "mock-gpt", messages: [.user("Check the status of 10.0.0.7 please")], tools: tools)
            let call = try #require(try await client.chat(request).decode(ChatCompletionResponse.self).message?.toolCalls?.first)
            #expect(call.function.name == "get_server_status")
            #expect(try call.parsedArguments() == ["ip": "10.0.0.7"])
            request.messages += [.assistant(toolCalls: [call]), .tool("ONLINE, load 0.3", callID: call.id)]
            let answer = try await client.chat(request).decode(ChatCompletionResponse.self)
            #expect(answer.message?.content == "Server 10.0.0.7: ONLINE, load 0.3")
            #expect(answer.choices.first?.finishReason == .stop)
        }
    }

    @Test("chapter 11 flaky: 429 with Retry-After, then 500, then 200 for the same request")
    func ch11FlakySequence() async throws {
        let harness = try MockHarness(.builtIn("ch11-flaky"))
        try await harness.test { client async throws in
            let request = Requests.user("Plan the deployment")
            let statuses = try await [client.chat(request), client.chat(request), client.chat(request), client.chat(request)]
            #expect(statuses.map(\.status.code) == [429, 500, 200, 200])
            #expect(statuses[0].headers[.retryAfter] == "1")
            #expect(statuses[0].text.contains(#""type":"rate_limit_error""#))
        }
    }
}

@Suite("embedded scenarios")
struct EmbeddedScenarioTests {
    @Test("the compiled-in scenarios equal the JSON files (else run scripts/embed-scenarios.sh)")
    func embeddedCopiesAreCurrent() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MockLLM/BuiltInScenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        let names = files.map { String($0.dropLast(".json".count)) }.sorted()
        #expect(names == ScenarioSource.builtInNames, "run scripts/embed-scenarios.sh")
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).json"), encoding: .utf8)
            #expect(ScenarioSource.embedded[name] == text, "\(name).json changed: run scripts/embed-scenarios.sh")
        }
    }
}
