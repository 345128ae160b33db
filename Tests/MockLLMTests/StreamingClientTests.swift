import Foundation
import Synchronization
import LabKit
import Testing
@testable import MockLLM

/// A scenario with one fault per trigger word, for the streaming client's error paths.
private let faults = #"""
{
  "name": "stream-faults",
  "rules": [
    { "name": "cut", "when": { "lastUserContains": "cut" }, "reply": { "fault": { "kind": "truncate", "afterChunks": 3 } } },
    { "name": "garbage", "when": { "lastUserContains": "garbage" }, "reply": { "fault": { "kind": "malformed" } } },
    { "name": "slow down", "when": { "lastUserContains": "slow down" }, "reply": { "fault": { "status": 429, "retryAfterMs": 250 } } },
    { "name": "drop", "when": { "lastUserContains": "drop" }, "reply": { "fault": { "kind": "drop" } } },
    { "name": "two calls", "when": { "lastUserContains": "two servers" }, "reply": { "toolCalls": [
      { "name": "get_server_status", "arguments": { "ip": "10.0.0.1", "verbose": true } },
      { "name": "get_server_status", "arguments": { "ip": "10.0.0.2" } } ] } },
    { "name": "talk", "reply": { "text": "A streamed answer arrives a few words at a time, and is put back together." } }
  ]
}
"""#

@Suite("OpenAIClient streaming against the mock server")
struct StreamingClientTests {
    private func withServer(_ body: (OpenAIClient) async throws -> Void) async throws {
        let scenario = try ScenarioSource.decode(Data(faults.utf8), label: "stream-faults")
        let server = try await MockLLMServer.start(scenario: .scenario(scenario))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt", timeout: .seconds(10))
        do {
            try await body(client)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("a streamed text answer arrives in pieces and reassembles to the whole answer, with usage")
    func textReassembles() async throws {
        try await withServer { client in
            let pieces = Pieces()
            let response = try await client.completeStreaming(Requests.user("tell me")) { pieces.add($0) }
            let text = "A streamed answer arrives a few words at a time, and is put back together."
            #expect(response.message?.content == text)
            #expect(pieces.all.count > 3)
            #expect(pieces.all.joined() == text)
            #expect(response.choices.first?.finishReason == .stop)
            #expect(response.usage?.totalTokens ?? 0 > 0)
            #expect(response.id.hasPrefix("chatcmpl-"))
        }
    }

    @Test("tool-call deltas reassemble into the same calls a non-streamed answer carries")
    func toolCallsReassemble() async throws {
        let server = try await MockLLMServer.start(scenario: .builtIn("lab04-autonomy"), strict: true)
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt")
        let request = Requests.lab04([
            .assistant(toolCalls: [ToolCall(id: "call_1", name: "check_disk", arguments: "{}")]),
            .tool("Disk Usage: 95% (CRITICAL). Large folder: /var/log", callID: "call_1"),
        ])
        let streamed = try await client.completeStreaming(request)
        let whole = try await client.complete(request)
        await server.stop()
        let calls = try #require(streamed.message?.toolCalls)
        #expect(calls.map(\.function.name) == ["clean_logs"])
        #expect(calls.map(\.function.arguments) == whole.message?.toolCalls?.map(\.function.arguments))
        #expect(calls.allSatisfy { $0.id.hasPrefix("call_") })
        #expect(streamed.choices.first?.finishReason == .toolCalls)
    }

    @Test("two tool calls in one streamed answer come back apart, arguments whole")
    func twoCallsStayApart() async throws {
        try await withServer { client in
            let response = try await client.completeStreaming(Requests.user("check two servers"))
            let calls = try #require(response.message?.toolCalls)
            #expect(calls.count == 2)
            #expect(try calls.map { try $0.parsedArguments() } == [["ip": "10.0.0.1", "verbose": true], ["ip": "10.0.0.2"]])
            #expect(Set(calls.map(\.id)).count == 2)
        }
    }

    @Test("a stream cut short is LLMError.connection, never a shorter answer")
    func truncatedStreamIsAnError() async throws {
        try await withServer { client in
            do {
                let response = try await client.completeStreaming(Requests.user("cut me off"))
                Issue.record("expected an error, got \(response)")
            } catch let error as LLMError {
                guard case .connection = error else {
                    Issue.record("expected LLMError.connection, got \(error)")
                    return
                }
                #expect(error.isRetryable)
            }
        }
    }

    @Test("an event that is not JSON is LLMError.invalidResponse")
    func malformedEventIsInvalid() async throws {
        try await withServer { client in
            await #expect {
                _ = try await client.completeStreaming(Requests.user("garbage please"))
            } throws: { error in
                if case LLMError.invalidResponse = error { true } else { false }
            }
        }
    }

    @Test("an error status on a stream is LLMError.http with the server's message and Retry-After")
    func errorStatusOnStream() async throws {
        try await withServer { client in
            do {
                _ = try await client.completeStreaming(Requests.user("slow down"))
                Issue.record("expected an error")
            } catch let error as LLMError {
                #expect(error.status == 429)
                #expect(error.retryAfter == .milliseconds(250))
                #expect(error.isRetryable)
            }
        }
    }

    @Test("a dropped connection on a stream is a retryable connection error")
    func droppedStream() async throws {
        try await withServer { client in
            do {
                _ = try await client.completeStreaming(Requests.user("drop it"))
                Issue.record("expected an error")
            } catch let error as LLMError {
                #expect(error.isRetryable)
                #expect(error.status == nil)
            }
        }
    }

    @Test("the streaming model gives an agent the same answers as complete(_:)")
    func streamingModel() async throws {
        try await withServer { client in
            let pieces = Pieces()
            let model = client.streaming { pieces.add($0) }
            let response = try await model.complete(Requests.user("tell me"))
            #expect(response.message?.content == pieces.all.joined())
        }
    }
}

@Suite("server-sent events and chunk reassembly")
struct StreamParsingTests {
    @Test("events split across reads, CRLF line ends, comments and multi-line data")
    func parserHandlesPieces() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: {\"a\"".utf8)) == [])
        #expect(parser.hasPartialEvent)
        #expect(parser.feed(Array(":1}\r\n\r\n: keep-alive\n\ndata:x\ndata: y\n\n".utf8)) == ["{\"a\":1}", "x\ny"])
        #expect(parser.feed(Array("event: ping\nid: 3\n\ndata: [DONE]\n\n".utf8)) == ["[DONE]"])
        #expect(!parser.hasPartialEvent)
    }

    @Test("chunks without a finish reason are not an answer")
    func noFinishReasonIsAnError() {
        var assembler = ChatStreamAssembler()
        assembler.add(ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [.init(index: 0, delta: .init(role: .assistant, content: "Half an"))]))
        #expect(throws: LLMError.self) { try assembler.response() }
    }

    @Test("a tool call whose first fragment never came is an invalid response")
    func callWithoutIDIsInvalid() {
        var assembler = ChatStreamAssembler()
        let fragment = ChatCompletionChunk.ToolCallDelta(index: 0, function: .init(arguments: "{}"))
        assembler.add(ChatCompletionChunk(id: "c", created: 0, model: "m", choices: [
            .init(index: 0, delta: .init(toolCalls: [fragment]), finishReason: .toolCalls),
        ]))
        #expect(throws: LLMError.invalidResponse("tool call 0 of the stream has no id or no name")) { try assembler.response() }
    }
}

/// Text pieces handed over by a stream, in order.
private final class Pieces: Sendable {
    private let items = Mutex<[String]>([])

    func add(_ piece: String) { items.withLock { $0.append(piece) } }

    var all: [String] { items.withLock { $0 } }
}
