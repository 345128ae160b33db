import Foundation
import LabKit
import Testing
@testable import MockLLM

@Suite("the quick request reader")
struct FastRequestDecoderTests {
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

    @Test("the fields it finds without hashing are documented ones")
    func commonFieldsAreDocumented() {
        #expect(Set(FastRequestDecoder.commonRequestFields).isSubset(of: RequestFields.documented))
        #expect(Set(FastRequestDecoder.commonMessageFields).isSubset(of: RequestFields.messageDocumented))
    }

    @Test("reads the labs' requests without falling back")
    func readsUsualRequests() throws {
        for data in FuzzTests.seeds {
            let quick = try #require(FastRequestDecoder.decode(data))
            #expect(quick == (try ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: data)))
        }
    }

    @Test("whenever it reads a request, JSONDecoder reads the same one: crafted cases and 20,000 mutations")
    func agreesWithJSONDecoder() {
        var random = SplitMix(state: 7)
        var bodies = Self.crafted.map { Data($0.utf8) }
        for run in 0..<20_000 {
            bodies.append(FuzzTests.mutate(FuzzTests.seeds[run % FuzzTests.seeds.count], &random))
        }
        var quickReads = 0
        for body in bodies {
            guard let quick = FastRequestDecoder.decode(body) else { continue }
            quickReads += 1
            let reference = try? ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: body)
            #expect(quick == reference, "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(quickReads > 100)
    }
}
