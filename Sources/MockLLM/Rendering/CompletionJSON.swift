import LabKit

/// A hand-written JSON writer for ``ChatCompletionResponse`` and ``ChatCompletionChunk``, the
/// server's hot path: it writes exactly the bytes ``ChatWire/encode(_:)`` writes (sorted keys,
/// unescaped slashes), about ten times faster. Tests compare the two on many random responses
/// and chunks, so the format keeps one definition.
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
            out.appendDecimal(choice.index)
            out.append(ascii: ",\"message\":")
            out.appendMessage(choice.message)
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: "],\"created\":")
        out.appendDecimal(response.created)
        out.append(ascii: ",\"id\":")
        out.appendString(response.id)
        out.append(ascii: ",\"model\":")
        out.appendString(response.model)
        out.append(ascii: ",\"object\":")
        out.appendString(response.object)
        if let usage = response.usage {
            out.appendUsage(usage)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// One chunk of a stream, in the bytes ``ChatWire/encode(_:)`` writes.
    static func encode(_ chunk: ChatCompletionChunk) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(ascii: "{\"choices\":[")
        for (index, choice) in chunk.choices.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(ascii: "{\"delta\":")
            out.appendDelta(choice.delta)
            out.append(ascii: ",\"finish_reason\":")
            out.appendOptionalString(choice.finishReason?.rawValue)
            out.append(ascii: ",\"index\":")
            out.appendDecimal(choice.index)
            out.append(UInt8(ascii: "}"))
        }
        out.append(ascii: "],\"created\":")
        out.appendDecimal(chunk.created)
        out.append(ascii: ",\"id\":")
        out.appendString(chunk.id)
        out.append(ascii: ",\"model\":")
        out.appendString(chunk.model)
        out.append(ascii: ",\"object\":")
        out.appendString(chunk.object)
        if let usage = chunk.usage {
            out.appendUsage(usage)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension [UInt8] {
    fileprivate mutating func append(ascii text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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

    fileprivate mutating func appendUsage(_ usage: Usage) {
        append(ascii: ",\"usage\":{\"completion_tokens\":")
        appendDecimal(usage.completionTokens)
        append(ascii: ",\"prompt_tokens\":")
        appendDecimal(usage.promptTokens)
        append(ascii: ",\"total_tokens\":")
        appendDecimal(usage.totalTokens)
        append(UInt8(ascii: "}"))
    }

    /// A delta: each field only when present, as the synthesized encoding leaves out `nil`s.
    fileprivate mutating func appendDelta(_ delta: ChatCompletionChunk.Delta) {
        append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: String) {
            if !first { append(UInt8(ascii: ",")) }
            first = false
            appendString(name)
            append(UInt8(ascii: ":"))
        }
        if let content = delta.content {
            key("content")
            appendString(content)
        }
        if let role = delta.role {
            key("role")
            appendString(role.rawValue)
        }
        if let calls = delta.toolCalls {
            key("tool_calls")
            append(UInt8(ascii: "["))
            for (index, call) in calls.enumerated() {
                if index > 0 { append(UInt8(ascii: ",")) }
                appendToolCallDelta(call)
            }
            append(UInt8(ascii: "]"))
        }
        append(UInt8(ascii: "}"))
    }

    fileprivate mutating func appendToolCallDelta(_ call: ChatCompletionChunk.ToolCallDelta) {
        append(UInt8(ascii: "{"))
        if let function = call.function {
            append(ascii: "\"function\":{")
            if let arguments = function.arguments {
                append(ascii: "\"arguments\":")
                appendString(arguments)
            }
            if let name = function.name {
                if function.arguments != nil { append(UInt8(ascii: ",")) }
                append(ascii: "\"name\":")
                appendString(name)
            }
            append(ascii: "},")
        }
        if let id = call.id {
            append(ascii: "\"id\":")
            appendString(id)
            append(UInt8(ascii: ","))
        }
        append(ascii: "\"index\":")
        appendDecimal(call.index)
        if let type = call.type {
            append(ascii: ",\"type\":")
            appendString(type)
        }
        append(UInt8(ascii: "}"))
    }

    /// An integer in decimal, as JSONEncoder writes it (no `String` made on the way).
    fileprivate mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var width = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            width += 1
        }
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var index = count - 1
        repeat {
            self[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }

    fileprivate mutating func appendOptionalString(_ text: String?) {
        if let text { appendString(text) } else { append(ascii: "null") }
    }

    /// A JSON string as JSONEncoder writes it: quotes, backslashes and control characters
    /// escaped, everything else (slashes and non-ASCII included) as UTF-8.
    fileprivate mutating func appendString(_ text: String) {
        append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            append(contentsOf: bytes)
            return true
        }
        if copied == true {
            append(UInt8(ascii: "\""))
            return
        }
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
