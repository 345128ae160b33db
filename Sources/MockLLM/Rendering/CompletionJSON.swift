import LabKit

/// A hand-written JSON writer for ``ChatCompletionResponse``, the server's hot path: it writes
/// exactly the bytes ``ChatWire/encode(_:)`` writes (sorted keys, unescaped slashes), about ten
/// times faster. A test compares the two on many responses, so the format keeps one definition.
enum CompletionJSON {
    static func encode(_ response: ChatCompletionResponse) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(ascii: "{\"choices\":[")
        for (index, choice) in response.choices.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let reason = choice.finishReason {
                out.append(ascii: "{\"finish_reason\":")
                out.appendString(reason.rawValue)
                out.append(ascii: ",\"index\":")
            } else {
                out.append(ascii: "{\"index\":")
            }
            out.append(ascii: String(choice.index))
            out.append(ascii: ",\"message\":")
            out.appendMessage(choice.message)
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: "],\"created\":")
        out.append(ascii: String(response.created))
        out.append(ascii: ",\"id\":")
        out.appendString(response.id)
        out.append(ascii: ",\"model\":")
        out.appendString(response.model)
        out.append(ascii: ",\"object\":")
        out.appendString(response.object)
        if let usage = response.usage {
            out.append(ascii: ",\"usage\":{\"completion_tokens\":")
            out.append(ascii: String(usage.completionTokens))
            out.append(ascii: ",\"prompt_tokens\":")
            out.append(ascii: String(usage.promptTokens))
            out.append(ascii: ",\"total_tokens\":")
            out.append(ascii: String(usage.totalTokens))
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension [UInt8] {
    fileprivate mutating func append(ascii text: String) {
        append(contentsOf: text.utf8)
    }

    fileprivate mutating func appendMessage(_ message: ChatMessage) {
        append(ascii: "{\"content\":")
        appendOptionalString(message.content)
        if let name = message.name {
            append(ascii: ",\"name\":")
            appendString(name)
        }
        append(ascii: ",\"role\":")
        appendString(message.role.rawValue)
        if let id = message.toolCallID {
            append(ascii: ",\"tool_call_id\":")
            appendString(id)
        }
        if let calls = message.toolCalls, !calls.isEmpty {
            append(ascii: ",\"tool_calls\":[")
            for (index, call) in calls.enumerated() {
                if index > 0 { append(UInt8(ascii: ",")) }
                append(ascii: "{\"function\":{\"arguments\":")
                appendString(call.function.arguments)
                append(ascii: ",\"name\":")
                appendString(call.function.name)
                append(ascii: "},\"id\":")
                appendString(call.id)
                append(ascii: ",\"type\":")
                appendString(call.type)
                append(UInt8(ascii: "}"))
            }
            append(UInt8(ascii: "]"))
        }
        append(UInt8(ascii: "}"))
    }

    fileprivate mutating func appendOptionalString(_ text: String?) {
        if let text { appendString(text) } else { append(ascii: "null") }
    }

    /// A JSON string as JSONEncoder writes it: quotes, backslashes and control characters
    /// escaped, everything else (slashes and non-ASCII included) as UTF-8.
    fileprivate mutating func appendString(_ text: String) {
        append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): append(contentsOf: [0x5C, 0x5C])
            case 0x0A: append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }
}
