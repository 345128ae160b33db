import Foundation
import LabKit
import Testing
@testable import MockLLM

@Suite("the quick request reader")
struct RequestReaderTests {
    static let crafted = [
        #"{"model":"m","messages":[{"role":"user","content":"caf\u00e9 \ud83d\ude42 \"q\" \\ \/ \n\t"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"parts"}]}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":5.0}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":-0,"seed":12,"temperature":0.7}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":1e400}"#,
        #"{"model":"m","model":"n","messages":[{"role":"user","content":"x"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"\ud800"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","function":{"name":"f"}}}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":"auto","stream":true,"stream_options":{"include_usage":true}}"#,
        #"{"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","content":"ok","tool_call_id":"c"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x","name":null}],"user":"u"} "#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}]} x"#,
        #"  {"model" : "m" , "messages" : [ { "role" : "user" , "content" : "x" } ] }  "#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"t","description":"d","parameters":{"type":"object","x":[1,2.5,null]}}}]}"#,
    ]

    @Test("the fields it reads and skips are exactly the documented ones")
    func fieldsAreTheDocumentedOnes() {
        func names(_ lists: [[UInt8]]...) -> [String] { lists.joined().map { String(decoding: $0, as: UTF8.self) } }
        #expect(Set(names(RequestReader.readFields)) == RequestFields.read)
        #expect(names(RequestReader.readFields, RequestReader.acceptedFields).sorted() == RequestFields.documented.sorted())
        #expect(Set(names(RequestReader.messageFields)) == RequestFields.messageRead)
        #expect(names(RequestReader.messageFields, RequestReader.messageAcceptedFields).sorted() == RequestFields.messageDocumented.sorted())
        #expect(RequestReader.readFields.count + RequestReader.acceptedFields.count <= 64, "a field's place is a bit of a UInt64")
    }

    @Test("reads the labs' requests without falling back")
    func readsUsualRequests() throws {
        for data in FuzzTests.seeds {
            let quick = try #require(RequestReader.request(in: data))
            #expect(quick == (try ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: data)))
        }
    }

    /// Requests with the options the reader checks and skips, which it must read itself.
    static let skipped = [
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"k":"v","n":[1,-2.5e3,true,false,null,{}]},"stop":["a","b"],"n":1,"logit_bias":{"1":2},"top_p":0.5,"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object","properties":{"a":{"type":"string"}}}}}}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x","refusal":null}],"stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false},"parallel_tool_calls":false}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"t","strict":true,"parameters":{"type":"object","properties":{"q":{"type":"string","description":"caf\u00e9 \"q\""}},"required":["q"]}}}]}"#,
    ]

    /// Requests it must leave to JSONDecoder, though JSONDecoder may read them.
    static let leftToJSONDecoder = [
        #"{"mod\u0065l":"m","messages":[{"role":"user","content":"x"}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"t","parameters":{"a":1,"a":2}}}]}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"d":"# + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}}",
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":true,"stream":false}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"mystery":1}"#,
        #"{"model":"m","messages":[{"role":"user","content":"x"}],"tool_choice":{"type":"function","n":1}}"#,
    ]

    @Test("reads the documented options it skips, as JSONDecoder does")
    func readsSkippedOptions() throws {
        for text in Self.skipped {
            let quick = try #require(RequestReader.request(in: Data(text.utf8)), "\(text)")
            #expect(quick == (try ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: Data(text.utf8))))
        }
    }

    @Test("leaves escaped keys, duplicates, deep nesting and unknown fields to JSONDecoder")
    func leavesTheUnusual() {
        for text in Self.leftToJSONDecoder {
            #expect(RequestReader.request(in: Data(text.utf8)) == nil, "\(text)")
        }
    }

    @Test("whenever it reads a request, JSONDecoder reads the same one: crafted cases and 20,000 mutations")
    func agreesWithJSONDecoder() {
        var random = SplitMix(state: 7)
        var bodies = (Self.crafted + Self.skipped + Self.leftToJSONDecoder).map { Data($0.utf8) }
        for run in 0..<20_000 {
            bodies.append(FuzzTests.mutate(FuzzTests.seeds[run % FuzzTests.seeds.count], &random))
        }
        var quickReads = 0
        for body in bodies {
            guard let quick = RequestReader.request(in: body) else { continue }
            quickReads += 1
            let reference = try? ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: body)
            #expect(quick == reference, "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(quickReads > 100)
    }
}
