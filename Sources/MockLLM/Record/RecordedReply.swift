import Foundation
import LabKit

/// Turns what an upstream model answered into a scenario ``Reply`` that replays it: text and
/// tool calls exactly as sent (ids, arguments text), a stream gathered from its deltas, an error
/// as a fault with the same status and body.
enum RecordedReply {
    /// The reply, or `nil` when the answer cannot be read (it is then not recorded).
    static func from(status: Int, contentType: String?, body: Data, retryAfter: String?, retryAfterMs: String?) -> Reply? {
        guard (200..<300).contains(status) else {
            let error = try? ChatWire.decode(OpenAIErrorBody.self, from: body).error
            let fault = Fault(
                kind: .error, status: status, message: error?.message, type: error?.type, code: error?.code, param: error?.param,
                retryAfter: retryAfter.flatMap { Int($0) }, retryAfterMs: retryAfterMs.flatMap { Int($0) }
            )
            return (400...599).contains(status) ? Reply(fault: fault) : nil
        }
        if contentType?.hasPrefix("text/event-stream") == true {
            return fromStream(body)
        }
        guard let response = try? ChatWire.decode(ChatCompletionResponse.self, from: body), let choice = response.choices.first else {
            return nil
        }
        return reply(content: choice.message.content, calls: choice.message.toolCalls ?? [], finishReason: choice.finishReason)
    }

    /// Gathers a stream's deltas: content in order, tool calls by index.
    private static func fromStream(_ body: Data) -> Reply? {
        var content: String?
        var calls: [Int: ToolCall] = [:]
        var finishReason: FinishReason?
        var sawDone = false
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") where line.hasPrefix("data:") {
            let payload = line.dropFirst("data:".count).trimmingCharacters(in: .whitespaces)
            if payload == "[DONE]" {
                sawDone = true
                continue
            }
            guard let chunk = try? ChatWire.decode(ChatCompletionChunk.self, from: Data(payload.utf8)) else { return nil }
            for choice in chunk.choices where choice.index == 0 {
                if let piece = choice.delta.content { content = (content ?? "") + piece }
                for delta in choice.delta.toolCalls ?? [] {
                    var call = calls[delta.index] ?? ToolCall(id: "", name: "", arguments: "")
                    if let id = delta.id { call.id = id }
                    if let type = delta.type { call.type = type }
                    if let name = delta.function?.name { call.function.name += name }
                    if let arguments = delta.function?.arguments { call.function.arguments += arguments }
                    calls[delta.index] = call
                }
                if let reason = choice.finishReason { finishReason = reason }
            }
        }
        guard sawDone || finishReason != nil else { return nil }
        return reply(content: content, calls: calls.keys.sorted().compactMap { calls[$0] }, finishReason: finishReason)
    }

    private static func reply(content: String?, calls: [ToolCall], finishReason: FinishReason?) -> Reply {
        let scripted = calls.map { ScriptedToolCall(name: $0.function.name, arguments: .string($0.function.arguments), id: $0.id) }
        let usual: FinishReason = calls.isEmpty ? .stop : .toolCalls
        return Reply(
            text: calls.isEmpty ? (content ?? "") : (content?.isEmpty == false ? content : nil),
            toolCalls: scripted.isEmpty ? nil : scripted,
            finishReason: finishReason == usual ? nil : finishReason,
            verbatim: true
        )
    }
}
