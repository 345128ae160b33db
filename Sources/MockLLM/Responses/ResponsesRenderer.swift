import Foundation
import Hummingbird
import LabKit

/// Writes a ``ModelOutput`` in the Responses API's shapes: a `response` object whose `output`
/// holds a `message` item (the text) and `function_call` items, or the typed events of a stream
/// (`response.created` … `response.output_text.delta` … `response.completed`).
struct ResponsesRenderer {
    let identity: ResponseIdentity
    let model: String
    let output: ModelOutput
    let usage: Usage

    init(identity: ResponseIdentity, request: ChatCompletionRequest, output: ModelOutput) {
        self.identity = identity
        self.model = request.model
        self.output = output
        self.usage = CompletionRenderer.usage(for: request, answer: output)
    }

    private var responseID: String { identity.derivedID("resp_", salt: 0) }
    private var messageID: String { identity.derivedID("msg_", salt: 1) }
    private func functionCallID(_ index: Int) -> String { identity.derivedID("fc_", salt: 10 + UInt64(index)) }
    private var finalStatus: String { output.finishReason == .length ? "incomplete" : "completed" }

    /// The text item, when there is text or nothing else.
    private var hasMessage: Bool { !(output.content ?? "").isEmpty || output.toolCalls.isEmpty }

    private func messageItem(text: String?, status: String) -> JSONValue {
        let content: [JSONValue] = text.map { [["type": "output_text", "text": .string($0), "annotations": []]] } ?? []
        return ["type": "message", "id": .string(messageID), "status": .string(status), "role": "assistant", "content": .array(content)]
    }

    private func callItem(_ index: Int, arguments: String, status: String) -> JSONValue {
        let call = output.toolCalls[index]
        return [
            "type": "function_call", "id": .string(functionCallID(index)), "call_id": .string(call.id),
            "name": .string(call.function.name), "arguments": .string(arguments), "status": .string(status),
        ]
    }

    private var items: [JSONValue] {
        var items: [JSONValue] = []
        if hasMessage { items.append(messageItem(text: output.content ?? "", status: finalStatus)) }
        for index in output.toolCalls.indices {
            items.append(callItem(index, arguments: output.toolCalls[index].function.arguments, status: "completed"))
        }
        return items
    }

    /// The response object, `in_progress` with no output or finished with it.
    func response(finished: Bool) -> JSONValue {
        [
            "id": .string(responseID), "object": "response", "created_at": .integer(identity.created),
            "status": .string(finished ? finalStatus : "in_progress"), "model": .string(model),
            "output": .array(finished ? items : []), "parallel_tool_calls": true, "tool_choice": "auto", "tools": [],
            "error": .null, "metadata": [:], "text": ["format": ["type": "text"]],
            "incomplete_details": finished && output.finishReason == .length ? ["reason": "max_output_tokens"] : .null,
            "usage": finished
                ? [
                    "input_tokens": .integer(usage.promptTokens), "input_tokens_details": ["cached_tokens": 0],
                    "output_tokens": .integer(usage.completionTokens), "output_tokens_details": ["reasoning_tokens": 0],
                    "total_tokens": .integer(usage.totalTokens),
                ] : .null,
        ]
    }

    /// The body of a non-streamed answer.
    func body() -> Data {
        (try? ChatWire.encode(response(finished: true))) ?? Data()
    }

    /// Every event of a streamed answer, framed as server-sent events with their type.
    func events() -> [ByteBuffer] {
        var events: [(String, JSONValue)] = [
            ("response.created", ["response": response(finished: false)]),
            ("response.in_progress", ["response": response(finished: false)]),
        ]
        var outputIndex = 0
        if hasMessage {
            let text = output.content ?? ""
            let index = JSONValue.integer(outputIndex)
            let item = JSONValue.string(messageID)
            let emptyPart: JSONValue = ["type": "output_text", "text": "", "annotations": []]
            events.append(("response.output_item.added", ["output_index": index, "item": messageItem(text: nil, status: "in_progress")]))
            events.append(("response.content_part.added", ["item_id": item, "output_index": index, "content_index": 0, "part": emptyPart]))
            for piece in CompletionRenderer.words(text) {
                events.append(("response.output_text.delta", ["item_id": item, "output_index": index, "content_index": 0, "delta": .string(piece), "logprobs": []]))
            }
            events.append(("response.output_text.done", ["item_id": item, "output_index": index, "content_index": 0, "text": .string(text), "logprobs": []]))
            events.append(("response.content_part.done", ["item_id": item, "output_index": index, "content_index": 0, "part": ["type": "output_text", "text": .string(text), "annotations": []]]))
            events.append(("response.output_item.done", ["output_index": index, "item": messageItem(text: text, status: finalStatus)]))
            outputIndex += 1
        }
        for callIndex in output.toolCalls.indices {
            let index = JSONValue.integer(outputIndex)
            let item = JSONValue.string(functionCallID(callIndex))
            let arguments = output.toolCalls[callIndex].function.arguments
            events.append(("response.output_item.added", ["output_index": index, "item": callItem(callIndex, arguments: "", status: "in_progress")]))
            for piece in CompletionRenderer.pieces(arguments, size: 12) {
                events.append(("response.function_call_arguments.delta", ["item_id": item, "output_index": index, "delta": .string(piece)]))
            }
            events.append(("response.function_call_arguments.done", [
                "item_id": item, "output_index": index, "arguments": .string(arguments), "name": .string(output.toolCalls[callIndex].function.name),
            ]))
            events.append(("response.output_item.done", ["output_index": index, "item": callItem(callIndex, arguments: arguments, status: "completed")]))
            outputIndex += 1
        }
        events.append((finalStatus == "completed" ? "response.completed" : "response.incomplete", ["response": response(finished: true)]))
        return events.enumerated().map { number, event in
            var payload = event.1.objectValue ?? [:]
            payload["type"] = .string(event.0)
            payload["sequence_number"] = .integer(number)
            var buffer = ByteBuffer(string: "event: \(event.0)\ndata: ")
            buffer.writeBytes((try? ChatWire.encode(JSONValue.object(payload))) ?? Data("{}".utf8))
            buffer.writeString("\n\n")
            return buffer
        }
    }
}

extension ResponsesRenderer {
    /// The text that a run of events carried (the `output_text.delta` pieces), for the journal.
    static func text(in events: [ByteBuffer]) -> String {
        events.compactMap { event -> String? in
            let frame = String(buffer: event)
            guard frame.hasPrefix("event: response.output_text.delta"), let data = frame.range(of: "data: ") else { return nil }
            let payload = try? ChatWire.decode(JSONValue.self, from: Data(frame[data.upperBound...].utf8))
            return payload?["delta"]?.stringValue
        }.joined()
    }
}
