import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("chat completions on the wire")
struct ChatCompletionTests {
    @Test("a tool-call answer has content null, a function with arguments as a JSON string, and finish_reason tool_calls")
    func toolCallAnswerHasOpenAIShape() async throws {
        let harness = try MockHarness()
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.lab04())
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json")
            let object = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
            #expect(object["object"] as? String == "chat.completion")
            #expect((object["id"] as? String)?.hasPrefix("chatcmpl-") == true)
            #expect(object["created"] is Int)
            #expect(object["model"] as? String == "gpt-4o-mini")
            let choice = try #require((object["choices"] as? [[String: Any]])?.first)
            #expect(choice["finish_reason"] as? String == "tool_calls")
            let message = try #require(choice["message"] as? [String: Any])
            #expect(message["role"] as? String == "assistant")
            #expect(message["content"] is NSNull)
            let call = try #require((message["tool_calls"] as? [[String: Any]])?.first)
            #expect(call["type"] as? String == "function")
            #expect((call["id"] as? String)?.hasPrefix("call_") == true)
            let function = try #require(call["function"] as? [String: Any])
            #expect(function["name"] as? String == "check_disk")
            #expect(function["arguments"] as? String == "{}")
            let usage = try #require(object["usage"] as? [String: Int])
            #expect(usage["total_tokens"] == (usage["prompt_tokens"] ?? 0) + (usage["completion_tokens"] ?? 0))
        }
    }

    @Test("a text answer streams as SSE: one id, role first, content pieces, finish_reason, usage, [DONE]")
    func textAnswerStreams() async throws {
        let harness = try MockHarness(.builtIn("echo"))
        try await harness.test { client async throws in
            var request = Requests.user("tell me a story")
            request.stream = true
            request.streamOptions = .init(includeUsage: true)
            let response = try await client.chat(request)
            #expect(response.headers[.contentType] == "text/event-stream")
            let events = response.events
            #expect(events.last == "[DONE]")
            let chunks = try events.dropLast().map { try ChatWire.decode(ChatCompletionChunk.self, from: Data($0.utf8)) }
            #expect(Set(chunks.map(\.id)).count == 1)
            #expect(chunks.allSatisfy { $0.object == "chat.completion.chunk" })
            #expect(chunks.first?.choices.first?.delta.role == .assistant)
            #expect(chunks.dropFirst().allSatisfy { $0.choices.first?.delta.role == nil })
            let text = chunks.compactMap { $0.choices.first?.delta.content }.joined()
            #expect(text == "You said: tell me a story")
            let finishing = chunks.filter { $0.choices.first?.finishReason != nil }
            #expect(finishing.count == 1)
            #expect(finishing.first?.choices.first?.finishReason == .stop)
            let usageChunk = try #require(chunks.last)
            #expect(usageChunk.choices.isEmpty)
            #expect(usageChunk.usage != nil)
        }
    }

    @Test("a streamed tool call: the first fragment has index, id, type and name; later ones only index and argument text")
    func toolCallStreamsInFragments() async throws {
        let harness = try MockHarness(.builtIn("lab02-tools"))
        try await harness.test { client async throws in
            let request = ChatCompletionRequest(
                model: "mock-gpt",
                messages: [.user("What is the status of server 192.168.10.42?")],
                tools: [ToolDefinition(name: "get_server_status", parameters: ["type": "object"])],
                stream: true
            )
            let response = try await client.chat(request)
            let chunks = try response.events.dropLast().map { try ChatWire.decode(ChatCompletionChunk.self, from: Data($0.utf8)) }
            let fragments = chunks.compactMap { $0.choices.first?.delta.toolCalls?.first }
            let first = try #require(fragments.first)
            #expect(first.index == 0)
            #expect(first.id?.hasPrefix("call_") == true)
            #expect(first.type == "function")
            #expect(first.function?.name == "get_server_status")
            #expect(fragments.count > 2)
            #expect(fragments.dropFirst().allSatisfy { $0.id == nil && $0.type == nil && $0.function?.name == nil && $0.index == 0 })
            let arguments = fragments.compactMap { $0.function?.arguments }.joined()
            #expect(arguments == #"{"ip":"192.168.10.42"}"#)
            #expect(chunks.last?.choices.first?.finishReason == .toolCalls)
            #expect(!response.text.contains("usage"))
        }
    }

    @Test("max_tokens cuts a text answer and finishes with length")
    func maxTokensGivesLength() async throws {
        let harness = try MockHarness(.builtIn("echo"))
        try await harness.test { client async throws in
            var request = Requests.user(String(repeating: "word ", count: 40))
            request.maxTokens = 5
            let response = try await client.chat(request).decode(ChatCompletionResponse.self)
            #expect(response.choices.first?.finishReason == .length)
            #expect(response.message?.content?.count == 20)
        }
    }

    @Test("GET /v1/models lists the scenario's models")
    func modelsAreListed() async throws {
        let harness = try MockHarness()
        try await harness.test { client async throws in
            let response = try await client.execute(uri: "/v1/models", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains(#""id":"mock-gpt""#))
            #expect(response.text.contains(#""object":"list""#))
        }
    }
}
