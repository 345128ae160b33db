import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("the Responses API")
struct ResponsesAPITests {
    static let tools = #"[{"type":"function","name":"check_disk","description":"Reports disk usage.","parameters":{"type":"object","properties":{}}},{"type":"function","name":"clean_logs","parameters":{"type":"object"}},{"type":"web_search"}]"#

    static func post(_ client: some TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/v1/responses", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
    }

    @Test("the lab 04 loop through /v1/responses: function calls, their outputs, then text, from the chat scenario")
    func lab04Loop() async throws {
        let harness = try MockHarness(.builtIn("lab04-autonomy"), strict: true)
        try await harness.test { client async throws in
            var input = #"[{"role":"user","content":[{"type":"input_text","text":"I'm out of disk space. Fix it."}]}"#
            var calls: [String] = []
            for result in ["Disk Usage: 95% (CRITICAL)", "Logs cleaned. Freed 20GB.", "Disk Usage: 35%"] {
                let response = try await Self.post(client, #"{"model":"gpt-4.1","instructions":"You are an SRE.","input":\#(input)],"tools":\#(Self.tools)}"#)
                #expect(response.status == .ok, "\(response.text)")
                let object = try Self.object(response)
                #expect(object["object"] as? String == "response")
                #expect(object["status"] as? String == "completed")
                #expect((object["id"] as? String)?.hasPrefix("resp_") == true)
                let item = try #require((object["output"] as? [[String: Any]])?.first)
                #expect(item["type"] as? String == "function_call")
                let name = try #require(item["name"] as? String)
                let callID = try #require(item["call_id"] as? String)
                calls.append(name)
                input += #",{"type":"function_call","call_id":"\#(callID)","name":"\#(name)","arguments":"{}"},{"type":"function_call_output","call_id":"\#(callID)","output":"\#(result)"}"#
            }
            let final = try Self.object(try await Self.post(client, #"{"model":"gpt-4.1","input":\#(input)],"tools":\#(Self.tools)}"#))
            let message = try #require((final["output"] as? [[String: Any]])?.first)
            #expect(message["type"] as? String == "message")
            let text = try #require(((message["content"] as? [[String: Any]])?.first)?["text"] as? String)
            #expect(text.hasPrefix("Done."))
            #expect(calls == ["check_disk", "clean_logs", "check_disk"])
            let usage = try #require(final["usage"] as? [String: Any])
            #expect(usage["total_tokens"] as? Int == (usage["input_tokens"] as? Int ?? 0) + (usage["output_tokens"] as? Int ?? 0))
        }
        #expect(harness.state.journal.allSatisfy { $0.path == "/v1/responses" && $0.status == 200 })
    }

    @Test("a streamed answer is typed events in order, numbered, ending in response.completed, the deltas joining to the text")
    func streamedText() async throws {
        let harness = try MockHarness(.builtIn("echo"))
        let text = try await harness.test { client async throws in
            try await Self.post(client, #"{"model":"m","input":"hello there","stream":true}"#).text
        }
        let frames = text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let types = frames.map { $0.split(separator: "\n")[0].dropFirst("event: ".count) }
        #expect(types.first == "response.created")
        #expect(types.last == "response.completed")
        #expect(types.contains("response.output_text.delta"))
        var deltas = ""
        for (number, frame) in frames.enumerated() {
            let data = try #require(frame.split(separator: "\n").last?.dropFirst("data: ".count))
            let event = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
            #expect(event["sequence_number"] as? Int == number)
            #expect(event["type"] as? String == String(types[number]))
            if event["type"] as? String == "response.output_text.delta" { deltas += event["delta"] as? String ?? "" }
        }
        #expect(deltas == "You said: hello there")
        #expect(!text.contains("[DONE]"))
    }

    @Test("max_output_tokens cuts the text and the response is incomplete")
    func tokenLimit() async throws {
        let harness = try MockHarness(.builtIn("echo"))
        let response = try await harness.test { client async throws in
            try await Self.post(client, #"{"model":"m","input":"\#(String(repeating: "word ", count: 30))","max_output_tokens":2}"#)
        }
        let object = try Self.object(response)
        #expect(object["status"] as? String == "incomplete")
        #expect((object["incomplete_details"] as? [String: Any])?["reason"] as? String == "max_output_tokens")
    }

    @Test("errors and faults behave as for chat: a 429 with Retry-After; bad input is a 400 naming the field")
    func errors() async throws {
        let harness = try MockHarness(.builtIn("conformance"))
        try await harness.test { client async throws in
            let limited = try await Self.post(client, #"{"model":"m","input":"rate limit me"}"#)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.init("retry-after-ms")!] == "50")
            let bad = try await Self.post(client, #"{"model":"m","input":[{"role":"wizard","content":"x"}]}"#)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("input[0].role"))
            let noInput = try await Self.post(client, #"{"model":"m"}"#)
            #expect(noInput.status == .badRequest)
            #expect(noInput.text.contains("'input'"))
        }
    }

    @Test("a cut stream sends its first events, then closes; the journal keeps the text it carried")
    func truncatedStream() async throws {
        let scenario = Scenario(name: "cut", rules: [Rule(name: "cut", reply: .fault(Fault(kind: .truncate, afterChunks: 5)))])
        let server = try await MockLLMServer.start(scenario: .scenario(scenario))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            let body = #"{"model":"m","input":"hi","stream":true}"#
            socket.send("POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            return socket.readUntilClosed()
        }
        #expect(text.contains("event: response.output_text.delta"))
        #expect(!text.contains("response.completed"))
        #expect(closed)
        #expect(server.requests.first?.cutContent == "This ")
        await server.stop()
    }
}
