import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("request fidelity: token limits, encodings, every documented field")
struct RequestFidelityTests {
    static let long = String(repeating: "word ", count: 40)

    static func answer(_ body: String) async throws -> (status: Int, object: [String: Any], journal: JournalEntry?) {
        let harness = try MockHarness(.builtIn("echo"))
        let (status, data) = try await harness.test { client async throws in
            let response = try await client.chat(raw: Data(body.utf8))
            return (Int(response.status.code), response.data)
        }
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (status, object, harness.state.journal.last)
    }

    static func content(_ object: [String: Any]) -> (text: String?, finish: String?) {
        let choice = (object["choices"] as? [[String: Any]])?.first
        return ((choice?["message"] as? [String: Any])?["content"] as? String, choice?["finish_reason"] as? String)
    }

    @Test("max_completion_tokens cuts the text like max_tokens; with both, the smaller wins", arguments: [
        (#""max_completion_tokens": 3"#, 12),
        (#""max_tokens": 3"#, 12),
        (#""max_tokens": 5, "max_completion_tokens": 2"#, 8),
        (#""max_tokens": 2, "max_completion_tokens": 5"#, 8),
        (#""max_completion_tokens": 2, "temperature": 0.5, "n": 1"#, 8),
    ])
    func tokenLimits(fields: String, characters: Int) async throws {
        let body = #"{"model":"mock-gpt","messages":[{"role":"user","content":"\#(Self.long)"}],\#(fields)}"#
        let (status, object, _) = try await Self.answer(body)
        #expect(status == 200)
        let (text, finish) = Self.content(object)
        #expect(text?.count == characters)
        #expect(finish == "length")
    }

    @Test("the quick reader reads max_completion_tokens, and leaves any key it does not know to JSONDecoder")
    func quickReaderFallsBack() throws {
        let plain = #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_completion_tokens":7}"#
        #expect(RequestReader.request(in: Data(plain.utf8))?.maxCompletionTokens == 7)
        for unknown in [
            #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_token":7}"#,
            #"{"model":"m","messages":[{"role":"user","content":"x","weight":1}]}"#,
            #"{"model":"m","messages":[{"role":"user","content":"x"}],"stream_options":{"include_usage":true,"extra":1}}"#,
            #"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"t"},"extra":1}]}"#,
            #"{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}","x":1}}]}]}"#,
        ] {
            #expect(RequestReader.request(in: Data(unknown.utf8)) == nil, "\(unknown)")
        }
    }

    @Test("invalid UTF-8 gets a 400 that says so, naming the byte and its offset")
    func invalidUTF8() async throws {
        let body = Data(#"{"model":"mock-gpt","messages":[{"role":"user","content":"caf"#.utf8) + [0xE9] + Data(#""}]}"#.utf8)
        let harness = try MockHarness(.builtIn("echo"))
        let (status, data) = try await harness.test { client async throws in
            let response = try await client.chat(raw: body)
            return (Int(response.status.code), response.data)
        }
        let error = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? [String: Any])
        #expect(status == 400)
        let message = try #require(error["message"] as? String)
        #expect(message.contains("not valid UTF-8"), "\(message)")
        #expect(message.contains("0xE9 at offset 61"), "\(message)")
        #expect(!message.contains("should be a string"))
        #expect(error["code"] as? String == "invalid_encoding")
    }

    @Test("a lone surrogate gets a 400 that says so", arguments: [#"\ud800"#, #"\udc00"#, #"\ud800\u0041"#, #"\ud800x"#])
    func loneSurrogate(escape: String) async throws {
        let body = #"{"model":"mock-gpt","messages":[{"role":"user","content":"a\#(escape)b"}]}"#
        let (status, object, _) = try await Self.answer(body)
        #expect(status == 400)
        let message = try #require((object["error"] as? [String: Any])?["message"] as? String)
        #expect(message.contains("lone UTF-16 surrogate \(escape.prefix(6))"), "\(message)")
        #expect(!message.contains("should be a string"))
    }

    @Test("a whole surrogate pair and an escaped backslash before u are fine")
    func wholePairIsFine() async throws {
        let (status, object, _) = try await Self.answer(#"{"model":"mock-gpt","messages":[{"role":"user","content":"\ud83d\ude42 \\ud800"}]}"#)
        #expect(status == 200)
        #expect(Self.content(object).text == #"You said: 🙂 \ud800"#)
    }

    /// Every field of OpenAI's chat-completions reference, with a value of its documented type.
    static let everyDocumentedField = #"""
        {"model":"mock-gpt",
         "messages":[
           {"role":"developer","content":"Be brief.","name":"dev"},
           {"role":"system","content":[{"type":"text","text":"Be kind."}]},
           {"role":"user","content":[{"type":"text","text":"hello"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AA==","detail":"low"}},{"type":"input_audio","input_audio":{"data":"AA==","format":"wav"}},{"type":"file","file":{"file_id":"f"}}]},
           {"role":"assistant","content":[{"type":"refusal","refusal":"no"}],"refusal":"no","audio":{"id":"a"},"function_call":{"name":"f","arguments":"{}"},
            "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}},{"id":"c2","type":"custom","custom":{"name":"g","input":"free text"}}]},
           {"role":"tool","content":[{"type":"text","text":"ok"}],"tool_call_id":"c1"},
           {"role":"function","name":"f","content":"old style"},
           {"role":"user","content":"hello"}],
         "audio":{"voice":"alloy","format":"mp3"},"frequency_penalty":0.5,"function_call":"auto",
         "functions":[{"name":"f","description":"d","parameters":{"type":"object"}}],
         "logit_bias":{"50256":-100},"logprobs":true,"max_completion_tokens":100,"max_tokens":100,
         "metadata":{"lab":"04"},"modalities":["text"],"n":1,"parallel_tool_calls":false,
         "prediction":{"type":"content","content":"x"},"presence_penalty":0.1,"prompt_cache_key":"k",
         "prompt_cache_retention":"24h","reasoning_effort":"low","response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"},"strict":true}},
         "safety_identifier":"s","seed":7,"service_tier":"auto","stop":["\n\n"],"store":false,
         "stream":false,"stream_options":{"include_usage":true,"include_obfuscation":false},"temperature":0.2,
         "tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[{"type":"function","function":{"name":"f"}}]}},
         "tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{}},"strict":true}},
                  {"type":"custom","custom":{"name":"g","description":"free","format":{"type":"text"}}}],
         "top_logprobs":2,"top_p":0.9,"user":"u","verbosity":"low",
         "web_search_options":{"search_context_size":"low","user_location":{"type":"approximate","approximate":{"city":"Oslo"}}}}
        """#

    @Test("a request with every documented field is answered, and none is listed as unknown")
    func everyDocumentedFieldIsAccepted() async throws {
        let (status, object, entry) = try await Self.answer(Self.everyDocumentedField)
        #expect(status == 200, "\(object)")
        #expect(Self.content(object).text == "You said: hello")
        #expect(entry?.unknownFields == nil)
        let document = try ChatWire.decode(JSONValue.self, from: Data(Self.everyDocumentedField.utf8))
        #expect(Set(document.objectValue?.keys.map { $0 } ?? []) == RequestFields.documented, "the test covers every field")
    }

    @Test("fields beyond the documented ones are accepted and listed in the journal")
    func unknownFieldsAreListed() async throws {
        let body = #"{"model":"mock-gpt","max_token":5,"messages":[{"role":"user","content":"hello","weight":2}],"zeta":null}"#
        let (status, object, entry) = try await Self.answer(body)
        #expect(status == 200)
        #expect(Self.content(object).text == "You said: hello")
        #expect(entry?.unknownFields == ["max_token", "zeta", "messages[0].weight"])
    }
}
