import Foundation
import Testing
@testable import LabKit

@Suite("chat wire types")
struct ChatWireTests {
    func json(_ value: some Encodable) throws -> String {
        String(decoding: try ChatWire.encode(value), as: UTF8.self)
    }

    @Test("an assistant message that calls tools writes content null and the calls in OpenAI's shape")
    func toolCallMessageEncodes() throws {
        let message = ChatMessage.assistant(toolCalls: [ToolCall(id: "call_1", name: "check_disk", arguments: "{}")])
        #expect(try json(message) == #"{"content":null,"role":"assistant","tool_calls":[{"function":{"arguments":"{}","name":"check_disk"},"id":"call_1","type":"function"}]}"#)
    }

    @Test("a tool result carries tool_call_id")
    func toolResultEncodes() throws {
        #expect(try json(ChatMessage.tool("ok", callID: "call_1")) == #"{"content":"ok","role":"tool","tool_call_id":"call_1"}"#)
    }

    @Test("content given as an array of parts is read as the joined text parts")
    func contentPartsDecode() throws {
        let data = Data(#"{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image_url"}, {"type": "text", "text": "b"}]}"#.utf8)
        #expect(try ChatWire.decode(ChatMessage.self, from: data).content == "a\nb")
    }

    @Test("an assistant message with tool calls and no content field decodes with content nil")
    func missingContentDecodes() throws {
        let data = Data(#"{"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]}"#.utf8)
        let message = try ChatWire.decode(ChatMessage.self, from: data)
        #expect(message.content == nil)
        #expect(message.toolCalls?.first?.function.name == "f")
    }

    @Test("content of a wrong type is a decoding error")
    func wrongContentTypeFails() {
        #expect(throws: DecodingError.self) {
            try ChatWire.decode(ChatMessage.self, from: Data(#"{"role": "user", "content": 5}"#.utf8))
        }
    }

    @Test("a request round-trips with snake_case fields and unknown fields ignored")
    func requestRoundTrips() throws {
        let request = ChatCompletionRequest(
            model: "m",
            messages: [.user("hi")],
            tools: [ToolDefinition(name: "t", description: "d", parameters: ["type": "object", "required": ["ip"]])],
            toolChoice: "auto",
            maxTokens: 10,
            stream: true,
            streamOptions: .init(includeUsage: true)
        )
        let text = try json(request)
        #expect(text.contains(#""stream_options":{"include_usage":true}"#))
        #expect(text.contains(#""max_tokens":10"#))
        #expect(text.contains(#""tool_choice":"auto""#))
        #expect(try ChatWire.decode(ChatCompletionRequest.self, from: Data(text.utf8)) == request)
        let extra = Data(#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "frequency_penalty": 0.5, "n": 1}"#.utf8)
        #expect(try ChatWire.decode(ChatCompletionRequest.self, from: extra).messages.count == 1)
    }

    @Test("JSON values keep integers, numbers, nulls and nesting, and encode with sorted keys")
    func jsonValueRoundTrips() throws {
        let value: JSONValue = ["b": [1, 2.5, nil, true], "a": ["x": "y"]]
        #expect(ChatWire.string(from: value) == #"{"a":{"x":"y"},"b":[1,2.5,null,true]}"#)
        #expect(try ChatWire.decode(JSONValue.self, from: Data(ChatWire.string(from: value).utf8)) == value)
    }

    @Test("tool-call arguments parse as JSON, and bad arguments are an error")
    func argumentsParse() throws {
        #expect(try ToolCall(id: "c", name: "f", arguments: #"{"ip":"10.0.0.1"}"#).parsedArguments() == ["ip": "10.0.0.1"])
        #expect(throws: DecodingError.self) { try ToolCall(id: "c", name: "f", arguments: "{ip").parsedArguments() }
    }

    @Test("an error body writes param and code as null when absent, and reads numeric codes")
    func errorBody() throws {
        #expect(try json(OpenAIErrorBody(message: "m", type: "t")) == #"{"error":{"code":null,"message":"m","param":null,"type":"t"}}"#)
        let numeric = Data(#"{"error": {"message": "m", "type": "t", "code": 429}}"#.utf8)
        #expect(try ChatWire.decode(OpenAIErrorBody.self, from: numeric).error.code == "429")
    }

    @Test("a chunk writes finish_reason null until the last one")
    func chunkFinishReason() throws {
        let chunk = ChatCompletionChunk(id: "x", created: 1, model: "m", choices: [.init(index: 0, delta: .init(content: "a"))])
        #expect(try json(chunk).contains(#""finish_reason":null"#))
    }
}

@Suite("chat wire decoding for routing")
struct ChatWireRoutingTests {
    @Test("decoding for routing keeps tool names and drops their schemas; the plain decoder keeps them")
    func skipsSchemas() throws {
        let request = ChatCompletionRequest(
            model: "m", messages: [.user("hi")],
            tools: [ToolDefinition(name: "check_disk", description: "d", parameters: ["type": "object"])]
        )
        let data = try ChatWire.encode(request)
        let routed = try ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: data)
        #expect(routed.tools?.map(\.name) == ["check_disk"])
        #expect(routed.tools?.first?.function.parameters == nil)
        #expect(try ChatWire.decode(ChatCompletionRequest.self, from: data) == request)
    }
}
