import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("bad input")
struct BadInputTests {
    func expectOpenAIError(_ response: TestResponse, status: Int, param: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Int(response.status.code) == status, "\(response.text)", sourceLocation: sourceLocation)
        let object = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any], sourceLocation: sourceLocation)
        let error = try #require(object["error"] as? [String: Any], sourceLocation: sourceLocation)
        #expect(Set(error.keys) == ["message", "type", "param", "code"], sourceLocation: sourceLocation)
        #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let param {
            #expect(error["param"] as? String == param, sourceLocation: sourceLocation)
        }
    }

    @Test("malformed JSON, wrong types, missing fields and empty messages get 400 in OpenAI's shape", arguments: [
        ("{not json", nil),
        ("", nil),
        (#"{"model": "m"}"#, "messages"),
        (#"{"model": 5, "messages": [{"role": "user", "content": "x"}]}"#, "model"),
        (#"{"model": "m", "messages": []}"#, "messages"),
        (#"{"model": "m", "messages": [{"role": "wizard", "content": "x"}]}"#, "messages[0].role"),
        (#"{"model": "m", "messages": [{"role": "user", "content": 7}]}"#, "messages[0].content"),
        (#"{"model": "m", "messages": [{"role": "user", "content": "x"}], "tools": "none"}"#, "tools"),
        (#"[1, 2, 3]"#, nil),
    ] as [(String, String?)])
    func badBodiesGet400(body: String, param: String?) async throws {
        let harness = try MockHarness()
        try await harness.test { client async throws in
            let response = try await client.chat(raw: Data(body.utf8))
            try expectOpenAIError(response, status: 400, param: param)
        }
        #expect(harness.state.journal.last?.outcome == "bad_request")
    }

    @Test("a body over the limit gets 413 in OpenAI's shape")
    func oversizedBodyGets413() async throws {
        let harness = try MockHarness(maxBodyBytes: 1024)
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.user(String(repeating: "x", count: 4096)))
            try expectOpenAIError(response, status: 413)
        }
    }

    @Test("unknown routes and wrong methods get 404 in OpenAI's shape")
    func unknownRoutesGet404() async throws {
        let harness = try MockHarness()
        try await harness.test { client async throws in
            try expectOpenAIError(try await client.execute(uri: "/v1/completions", method: .post), status: 404)
            try expectOpenAIError(try await client.execute(uri: "/v1/chat/completions", method: .get), status: 404)
            try expectOpenAIError(try await client.execute(uri: "/", method: .delete), status: 404)
        }
    }

    @Test("strict mode answers 400 with code mock_no_rule_matched, which the client does not retry")
    func strictNoMatchIs400() async throws {
        let harness = try MockHarness(.builtIn("lab04-autonomy"), strict: true)
        try await harness.test { client async throws in
            let response = try await client.chat(Requests.user("What's the weather?"))
            try expectOpenAIError(response, status: 400)
            #expect(try response.decode(OpenAIErrorBody.self).error.code == "mock_no_rule_matched")
            #expect(response.text.contains("Nearest rule"))
        }
    }
}
