import Foundation
import LabKit
import Testing
@testable import MockLLM

@Suite("the fast completion writer")
struct CompletionJSONTests {
    static let alphabet: [Character] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}", "\u{7F}",
        "é", "日", "🙂", "\u{2028}", "{", "}", ":", ",",
    ]

    static func text(_ random: inout SplitMix) -> String {
        String((0..<Int.random(in: 0..<24, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
    }

    static func response(_ random: inout SplitMix) -> ChatCompletionResponse {
        let message: ChatMessage
        if Bool.random(using: &random) {
            let calls = (0..<Int.random(in: 1...3, using: &random)).map { index in
                ToolCall(id: "call_\(index)\(text(&random))", name: text(&random), arguments: text(&random))
            }
            message = ChatMessage(role: .assistant, content: Bool.random(using: &random) ? nil : text(&random), toolCalls: calls)
        } else {
            message = ChatMessage(role: .assistant, content: text(&random), name: Bool.random(using: &random) ? text(&random) : nil)
        }
        let reasons: [FinishReason?] = [.stop, .toolCalls, .length, .contentFilter, nil]
        return ChatCompletionResponse(
            id: "chatcmpl-" + text(&random),
            created: Int.random(in: 0...2_000_000_000, using: &random),
            model: text(&random),
            choices: [.init(index: 0, message: message, finishReason: reasons.randomElement(using: &random) ?? nil)],
            usage: Bool.random(using: &random) ? Usage(promptTokens: Int.random(in: 0...9999, using: &random), completionTokens: 3) : nil
        )
    }

    static func optional(_ random: inout SplitMix) -> String? {
        Bool.random(using: &random) ? text(&random) : nil
    }

    static func chunk(_ random: inout SplitMix) -> ChatCompletionChunk {
        let roles: [Role?] = [.assistant, nil, nil]
        let choices = (0..<Int.random(in: 0...2, using: &random)).map { index in
            let calls: [ChatCompletionChunk.ToolCallDelta]? = Bool.random(using: &random) ? nil : (0..<Int.random(in: 0...2, using: &random)).map { call in
                let function: ChatCompletionChunk.ToolCallDelta.Function? = Bool.random(using: &random)
                    ? .init(name: optional(&random), arguments: optional(&random)) : nil
                return .init(index: call, id: optional(&random), type: optional(&random), function: function)
            }
            let delta = ChatCompletionChunk.Delta(role: roles.randomElement(using: &random) ?? nil, content: optional(&random), toolCalls: calls)
            let reasons: [FinishReason?] = [.stop, .toolCalls, .length, nil, nil]
            return ChatCompletionChunk.Choice(index: index, delta: delta, finishReason: reasons.randomElement(using: &random) ?? nil)
        }
        return ChatCompletionChunk(
            id: "chatcmpl-" + text(&random),
            created: Int.random(in: 0...2_000_000_000, using: &random),
            model: text(&random),
            choices: choices,
            usage: Bool.random(using: &random) ? Usage(promptTokens: Int.random(in: 0...9999, using: &random), completionTokens: 7) : nil
        )
    }

    @Test("writes the same bytes as ChatWire.encode for 2,000 random stream chunks")
    func chunksSameBytesAsChatWire() throws {
        var random = SplitMix(state: 12)
        for _ in 0..<2_000 {
            let chunk = Self.chunk(&random)
            let fast = CompletionJSON.encode(chunk)
            let reference = [UInt8](try ChatWire.encode(chunk))
            #expect(fast == reference, "\(String(decoding: fast, as: UTF8.self))\nvs\n\(String(decoding: reference, as: UTF8.self))")
            if fast != reference { break }
        }
    }

    @Test("writes the same bytes as ChatWire.encode for 2,000 random responses")
    func sameBytesAsChatWire() throws {
        var random = SplitMix(state: 11)
        for _ in 0..<2_000 {
            let response = Self.response(&random)
            let fast = CompletionJSON.encode(response)
            let reference = [UInt8](try ChatWire.encode(response))
            #expect(fast == reference, "\(String(decoding: fast, as: UTF8.self))\nvs\n\(String(decoding: reference, as: UTF8.self))")
            if fast != reference { break }
        }
    }

    @Test("the usage estimate's quick character count is String.count, for every kind of text")
    func characterCounts() {
        var random = SplitMix(state: 5)
        var texts = ["", "plain", "a\r\nb", "\r\n\r\n", "\r", "line\nbreaks\n", "café", "e\u{301}", "🙂👍🏽", "tab\there", "\u{0}"]
        let pieces = ["a", " ", "\r", "\n", "\r\n", "é", "🙂", "\u{301}", "\t", "\"", "z"]
        for _ in 0..<500 {
            texts.append((0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined())
        }
        for text in texts {
            #expect(CompletionRenderer.characters(text) == text.count, "\(text.debugDescription)")
        }
        #expect(CompletionRenderer.characters(nil) == 0)
    }
}
