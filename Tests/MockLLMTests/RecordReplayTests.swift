import Foundation
import LabKit
import Testing
@testable import MockLLM

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Records the lab 04 loop from one mock server through the recording proxy, then replays the
/// file on another server (another seed, strict) and compares.
@Suite("record and replay")
struct RecordReplayTests {
    /// What a client saw of one answer: its text and its calls (ids, names, arguments).
    struct Seen: Equatable {
        var content: String?
        var calls: [ToolCall]
    }

    static let results = ["Disk Usage: 95% (CRITICAL). Large folder: /var/log", "Logs cleaned. Freed 20GB.", "Disk Usage: 35%"]

    /// Runs the lab 04 loop against `baseURL`: three tool calls, then a streamed report.
    static func runLab04(_ baseURL: URL) async throws -> [Seen] {
        let client = OpenAIClient(baseURL: baseURL, apiKey: "client-key", model: "mock-gpt")
        var messages: [ChatMessage] = [.system("You are an SRE."), .user("I'm out of disk space. Fix it.")]
        var seen: [Seen] = []
        for result in results {
            let message = try #require(try await client.complete(ChatCompletionRequest(model: "", messages: messages, tools: Requests.diskTools)).message)
            seen.append(Seen(content: message.content, calls: message.toolCalls ?? []))
            let call = try #require(message.toolCalls?.first)
            messages += [message, .tool(result, callID: call.id)]
        }
        var streamed = ChatCompletionRequest(model: "mock-gpt", messages: messages, tools: Requests.diskTools, stream: true)
        streamed.streamOptions = .init(includeUsage: true)
        seen.append(try await stream(streamed, to: baseURL))
        return seen
    }

    /// Posts a streamed request and gathers the text and calls from its events.
    static func stream(_ request: ChatCompletionRequest, to baseURL: URL) async throws -> Seen {
        var urlRequest = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = try ChatWire.encode(request)
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, _) = try await URLSession.shared.data(for: urlRequest)
        var seen = Seen(content: nil, calls: [])
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("data: [DONE]\n\n"))
        for line in text.split(separator: "\n") where line.hasPrefix("data: {") {
            let chunk = try ChatWire.decode(ChatCompletionChunk.self, from: Data(line.dropFirst(6).utf8))
            for delta in chunk.choices.map(\.delta) {
                if let piece = delta.content { seen.content = (seen.content ?? "") + piece }
                for call in delta.toolCalls ?? [] {
                    if call.index == seen.calls.count { seen.calls.append(ToolCall(id: call.id ?? "", name: "", arguments: "")) }
                    seen.calls[call.index].function.name += call.function?.name ?? ""
                    seen.calls[call.index].function.arguments += call.function?.arguments ?? ""
                }
            }
        }
        return seen
    }

    @Test("a recorded run replays offline with the same text and tool calls, ids included; the key is not written")
    func recordThenReplay() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("lab04-recorded.json").path
        let upstream = try await MockLLMServer.start(scenario: .builtIn("lab04-autonomy"), seed: 7)
        let proxy = try await RecordingProxy.start(upstream: upstream.baseURL, output: file, apiKey: "sk-secret-never-written")
        let recorded = try await Self.runLab04(proxy.baseURL)
        await proxy.stop()
        #expect(upstream.requests.count == 4)
        await upstream.stop()

        let document = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!document.contains("sk-secret"))
        #expect(!document.contains("client-key"))
        let scenario = try ScenarioSource.file(file).load()
        #expect(scenario.name == "lab04-recorded")
        #expect(scenario.rules.count == 4)
        #expect(scenario.rules.allSatisfy { $0.when.conversationDigest != nil })

        let replay = try await MockLLMServer.start(scenario: .file(file), seed: 99, strict: true)
        let replayed = try await Self.runLab04(replay.baseURL)
        #expect(replay.requests.allSatisfy { $0.status == 200 }, "\(replay.requests.map(\.outcome))")
        await replay.stop()
        #expect(replayed == recorded)
        #expect(recorded.prefix(3).map { $0.calls.map(\.function.name) } == [["check_disk"], ["clean_logs"], ["check_disk"]])
        #expect(recorded.last?.content?.hasPrefix("Done.") == true)
    }

    @Test("an upstream error is recorded as a fault with its status, body and Retry-After; a retry adds a step")
    func errorsAreFaults() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("errors.json").path
        let upstream = try await MockLLMServer.start(scenario: .builtIn("conformance"))
        let proxy = try await RecordingProxy.start(upstream: upstream.baseURL, output: file, apiKey: nil)
        let client = OpenAIClient(baseURL: proxy.baseURL, model: "mock-gpt")
        for _ in 0..<3 { _ = try? await client.complete(Requests.user("rate limit me")) }
        await proxy.stop()
        await upstream.stop()
        let rule = try #require(try ScenarioSource.file(file).load().rules.first)
        let steps = try #require(rule.sequence)
        #expect(steps.map { $0.fault?.status } == [429, 429, nil])
        #expect(steps.first?.fault?.retryAfterMs == 50)
        #expect(steps.first?.fault?.code == "rate_limit_exceeded")
        #expect(steps.last?.text == "Recovered after the rate limit.")
    }

    @Test("recorded text with template braces and arguments with spaces replay exactly")
    func verbatim() throws {
        let reply = try #require(RecordedReply.from(
            status: 200, contentType: "application/json",
            body: Data(#"{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":"Use {{lastUser}} here","tool_calls":[{"id":"call_up","type":"function","function":{"name":"f","arguments":"{ \"b\": 1, \"a\": 2 }"}}]}}]}"#.utf8),
            retryAfter: nil, retryAfterMs: nil
        ))
        let engine = ScenarioEngine(scenario: Scenario(name: "v", rules: [Rule(name: "r", reply: reply)]), seed: 0, strict: false)
        let decision = engine.decide(Conversation(request: Requests.user("hi")), attempt: 1, requestHash: 0, identity: ResponseIdentity(seed: 0, requestHash: 0))
        guard case .answer(let output) = decision.action else {
            Issue.record("expected an answer")
            return
        }
        #expect(output.content == "Use {{lastUser}} here")
        #expect(output.toolCalls == [ToolCall(id: "call_up", name: "f", arguments: #"{ "b": 1, "a": 2 }"#)])
    }
}
