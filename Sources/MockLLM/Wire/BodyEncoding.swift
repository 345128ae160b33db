import Foundation

/// Finds what makes a body's text unreadable before JSON is even in question: bytes that are not
/// UTF-8, or a `\u` escape that is half of a UTF-16 surrogate pair. The decoder's own report of
/// these ("content should be a string") would mislead, so the server says this instead.
enum BodyEncoding {
    /// A sentence naming the first problem and its byte offset, or `nil` when there is none.
    static func problem(in bytes: Data) -> String? {
        invalidUTF8(bytes) ?? loneSurrogate(bytes)
    }

    private static func invalidUTF8(_ bytes: Data) -> String? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                return nil
            case .error(let length):
                let start = bytes.index(bytes.startIndex, offsetBy: offset)
                let shown = bytes[start..<bytes.index(start, offsetBy: max(1, length))].map { String(format: "0x%02X", $0) }.joined(separator: " ")
                return "The request body is not valid UTF-8: byte \(shown) at offset \(offset) is not part of a UTF-8 character. Send JSON as UTF-8."
            }
        }
    }

    private static func loneSurrogate(_ bytes: Data) -> String? {
        let bytes = Array(bytes)
        var index = 0
        var pendingHigh: (offset: Int, text: String)?
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else {
                if let high = pendingHigh { return lone(high.text, at: high.offset) }
                index += 1
                continue
            }
            guard bytes[index + 1] == UInt8(ascii: "u"), index + 6 <= bytes.count,
                let unit = UInt16(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
            else {
                if let high = pendingHigh { return lone(high.text, at: high.offset) }
                index += 2
                continue
            }
            let text = String(decoding: bytes[index..<(index + 6)], as: UTF8.self)
            switch unit {
            case 0xD800...0xDBFF:
                if let high = pendingHigh { return lone(high.text, at: high.offset) }
                pendingHigh = (index, text)
            case 0xDC00...0xDFFF:
                if pendingHigh == nil { return lone(text, at: index) }
                pendingHigh = nil
            default:
                if let high = pendingHigh { return lone(high.text, at: high.offset) }
            }
            index += 6
        }
        return pendingHigh.map { lone($0.text, at: $0.offset) }
    }

    private static func lone(_ escape: String, at offset: Int) -> String {
        "The request body holds a lone UTF-16 surrogate \(escape) at offset \(offset): a JSON string must hold whole Unicode characters (a high surrogate \\uD800-\\uDBFF followed by a low one \\uDC00-\\uDFFF)."
    }
}
