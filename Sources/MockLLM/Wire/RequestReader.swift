import Foundation
import LabKit

/// Reads a ``ChatCompletionRequest`` straight from a request's bytes, for the server's hot path:
/// no document tree is built, and values the server does not read (tool schemas, options it
/// leaves alone) are checked and skipped. It reads as `ChatWire.decodeSkippingToolSchemas` would,
/// and gives up (returns `nil`) on anything it is not sure of: invalid UTF-8, a lone surrogate, a
/// duplicate key, a key written with escapes, content parts, a number with a fraction where an
/// integer goes, an unknown role or field, nesting deeper than 64, trailing bytes. The caller then
/// falls back to `JSONDecoder`, which decides and explains. Tests check that the two agree.
struct RequestReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// The deepest nesting read; deeper goes to `JSONDecoder`.
    static let maxDepth = 64
    /// The most members of one object read; more go to `JSONDecoder`.
    static let memberLimit = 64

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The request in a body, a whole JSON document, or `nil`.
    static func request(in body: Data) -> ChatCompletionRequest? {
        body.withUnsafeBytes { request(in: $0) }
    }

    /// The request in `bytes`, a whole JSON document, or `nil`.
    static func request(in bytes: UnsafeRawBufferPointer) -> ChatCompletionRequest? {
        var reader = RequestReader(bytes)
        guard let request = reader.request() else { return nil }
        reader.skipWhitespace()
        return reader.position == bytes.count ? request : nil
    }

    // MARK: The request's shape

    /// Top-level fields: the ones read (``RequestFields/read``, commonest first), then the ones
    /// accepted and skipped. A field's place in these lists is its bit in the duplicate check.
    static let readFields: [[UInt8]] = [
        "model", "messages", "tools", "stream", "tool_choice", "temperature", "max_tokens", "max_completion_tokens",
        "stream_options", "seed", "user",
    ].map { Array($0.utf8) }
    static let acceptedFields: [[UInt8]] = RequestFields.accepted.sorted().map { Array($0.utf8) }
    static let messageFields: [[UInt8]] = ["role", "content", "name", "tool_calls", "tool_call_id"].map { Array($0.utf8) }
    static let messageAcceptedFields: [[UInt8]] = RequestFields.messageAccepted.sorted().map { Array($0.utf8) }

    private mutating func request() -> ChatCompletionRequest? {
        var model: String?
        var messages: [ChatMessage]?
        var request = ChatCompletionRequest(model: "", messages: [])
        let read = object(depth: 0, known: Self.readFields, accepted: Self.acceptedFields) { reader, field in
            switch field {
            case 0: return Self.required(reader.string(), into: &model)
            case 1: return Self.required(reader.array(depth: 1) { $0.message(depth: 2) }, into: &messages)
            case 2: return reader.optional(&request.tools) { $0.array(depth: 1) { $0.tool(depth: 2) } }
            case 3: return reader.optional(&request.stream) { $0.bool() }
            case 4: return reader.optional(&request.toolChoice) { $0.stringsAndObjects(depth: 1) }
            case 5: return reader.optional(&request.temperature) { $0.double() }
            case 6: return reader.optional(&request.maxTokens) { $0.integer() }
            case 7: return reader.optional(&request.maxCompletionTokens) { $0.integer() }
            case 8: return reader.optional(&request.streamOptions) { $0.streamOptions(depth: 1) }
            case 9: return reader.optional(&request.seed) { $0.integer() }
            case 10: return reader.optional(&request.user) { $0.string() }
            default: return reader.skipValue(depth: 1)
            }
        }
        guard read, let model, let messages else { return nil }
        request.model = model
        request.messages = messages
        return request
    }

    private mutating func message(depth: Int) -> ChatMessage? {
        var role: Role?
        var message = ChatMessage(role: .user, content: nil)
        let read = object(depth: depth, known: Self.messageFields, accepted: Self.messageAcceptedFields) { reader, field in
            switch field {
            case 0: return Self.required(reader.string().flatMap(Role.init(rawValue:)), into: &role)
            case 1: return reader.optional(&message.content) { $0.string() }
            case 2: return reader.optional(&message.name) { $0.string() }
            case 3: return reader.optional(&message.toolCalls) { $0.array(depth: depth + 1) { $0.toolCall(depth: depth + 2) } }
            case 4: return reader.optional(&message.toolCallID) { $0.string() }
            default: return reader.skipValue(depth: depth + 1)
            }
        }
        guard read, let role else { return nil }
        message.role = role
        return message
    }

    private static let toolCallFields: [[UInt8]] = ["id", "type", "function"].map { Array($0.utf8) }
    private static let callFunctionFields: [[UInt8]] = ["name", "arguments"].map { Array($0.utf8) }

    private mutating func toolCall(depth: Int) -> ToolCall? {
        var id: String?, type: String?, name: String?, arguments: String?
        let read = object(depth: depth, known: Self.toolCallFields) { reader, field in
            switch field {
            case 0: return Self.required(reader.string(), into: &id)
            case 1: return Self.required(reader.string(), into: &type)
            default:
                return reader.object(depth: depth + 1, known: Self.callFunctionFields) { reader, field in
                    field == 0 ? Self.required(reader.string(), into: &name) : Self.required(reader.string(), into: &arguments)
                }
            }
        }
        guard read, let id, let type, let name, let arguments else { return nil }
        var call = ToolCall(id: id, name: name, arguments: arguments)
        call.type = type
        return call
    }

    private static let toolFields: [[UInt8]] = ["type", "function"].map { Array($0.utf8) }
    private static let toolFunctionFields: [[UInt8]] = ["name", "description", "parameters", "strict"].map { Array($0.utf8) }

    /// A tool as the server keeps it: its type, name and description (schemas are skipped).
    private mutating func tool(depth: Int) -> ToolDefinition? {
        var type: String?, name: String?, description: String?
        var sawFunction = false
        let read = object(depth: depth, known: Self.toolFields) { reader, field in
            guard field == 1 else { return Self.required(reader.string(), into: &type) }
            sawFunction = true
            return reader.object(depth: depth + 1, known: Self.toolFunctionFields) { reader, field in
                switch field {
                case 0: return Self.required(reader.string(), into: &name)
                case 1: return reader.optional(&description) { $0.string() }
                default: return reader.skipValue(depth: depth + 2)
                }
            }
        }
        guard read, sawFunction, let type, let name else { return nil }
        var tool = ToolDefinition(name: name, description: description)
        tool.type = type
        return tool
    }

    private static let streamOptionFields: [[UInt8]] = ["include_usage", "include_obfuscation"].map { Array($0.utf8) }

    private mutating func streamOptions(depth: Int) -> ChatCompletionRequest.StreamOptions? {
        var options = ChatCompletionRequest.StreamOptions()
        let read = object(depth: depth, known: Self.streamOptionFields) { reader, field in
            field == 0 ? reader.optional(&options.includeUsage) { $0.bool() } : reader.skipValue(depth: depth + 1)
        }
        return read ? options : nil
    }

    /// Strings and objects of strings only: numbers in a JSONValue are left to JSONDecoder.
    private mutating func stringsAndObjects(depth: Int) -> JSONValue? {
        skipWhitespace()
        guard position < bytes.count, depth < Self.maxDepth else { return nil }
        if bytes[position] == UInt8(ascii: "\"") { return string().map(JSONValue.string) }
        guard bytes[position] == UInt8(ascii: "{") else { return nil }
        var members: [String: JSONValue] = [:]
        let read = distinctMembers(depth: depth) { reader, key in
            guard let value = reader.stringsAndObjects(depth: depth + 1) else { return false }
            members[String(decoding: key, as: UTF8.self)] = value
            return true
        }
        return read ? .object(members) : nil
    }

    // MARK: Fields

    /// A required field: its value read, or the request given up.
    private static func required<Value>(_ value: Value?, into field: inout Value?) -> Bool {
        guard let value else { return false }
        field = value
        return true
    }

    /// An optional field: `null` leaves it `nil`; any other value must read.
    private mutating func optional<Value>(_ field: inout Value?, _ read: (inout RequestReader) -> Value?) -> Bool {
        if null() { return true }
        guard let value = read(&self) else { return false }
        field = value
        return true
    }

    /// Reads an object whose keys must be among `known` (read by `member`, with the key's place)
    /// or `accepted` (passed to `member` with places after the known ones). A duplicate, unknown
    /// or escaped key gives up.
    private mutating func object(
        depth: Int, known: [[UInt8]], accepted: [[UInt8]] = [],
        _ member: (inout RequestReader, Int) -> Bool
    ) -> Bool {
        var seen: UInt64 = 0
        return members(depth: depth) { reader, key in
            guard let field = Self.place(of: key, in: known) ?? Self.place(of: key, in: accepted).map({ $0 + known.count }),
                field < 64, seen & (1 << field) == 0
            else { return false }
            seen |= 1 << field
            return member(&reader, field)
        }
    }

    private static func place(of key: UnsafeRawBufferPointer, in names: [[UInt8]]) -> Int? {
        names.firstIndex { $0.count == key.count && $0.elementsEqual(key) }
    }

    /// Reads an object with any keys (ASCII, no escapes), each once.
    private mutating func distinctMembers(depth: Int, _ member: (inout RequestReader, UnsafeRawBufferPointer) -> Bool) -> Bool {
        var keys: [UnsafeRawBufferPointer] = []
        return members(depth: depth) { reader, key in
            guard !keys.contains(where: { $0.elementsEqual(key) }) else { return false }
            keys.append(key)
            return member(&reader, key)
        }
    }

    /// The members of an object, each key as its raw bytes (a key with an escape gives up), at
    /// most ``memberLimit``.
    private mutating func members(depth: Int, _ member: (inout RequestReader, UnsafeRawBufferPointer) -> Bool) -> Bool {
        skipWhitespace()
        guard depth < Self.maxDepth, position < bytes.count, bytes[position] == UInt8(ascii: "{") else { return false }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return true
        }
        var count = 0
        while true {
            skipWhitespace()
            guard count < Self.memberLimit, let key = rawKey() else { return false }
            count += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
            position += 1
            guard member(&self, key) else { return false }
            skipWhitespace()
            guard position < bytes.count else { return false }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "}") { return true }
            if byte != UInt8(ascii: ",") { return false }
        }
    }

    /// A key's bytes between its quotes: ASCII without escapes or control characters.
    private mutating func rawKey() -> UnsafeRawBufferPointer? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20, bytes[end] < 0x80, bytes[end] != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        position = end + 1
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// An array, each item read by `item`.
    private mutating func array<Item>(depth: Int, _ item: (inout RequestReader) -> Item?) -> [Item]? {
        skipWhitespace()
        guard depth < Self.maxDepth, position < bytes.count, bytes[position] == UInt8(ascii: "[") else { return nil }
        position += 1
        var items: [Item] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return items
        }
        while true {
            guard let value = item(&self) else { return nil }
            items.append(value)
            skipWhitespace()
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "]") { return items }
            if byte != UInt8(ascii: ",") { return nil }
        }
    }

    // MARK: Values

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Whether the next value is `null` (then read).
    private mutating func null() -> Bool {
        skipWhitespace()
        return literal("null")
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            return false
        }
        position += count
        return true
    }

    private mutating func bool() -> Bool? {
        skipWhitespace()
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    /// Plain integers only (no fraction, no exponent) that fit an `Int`.
    private mutating func integer() -> Int? {
        guard let text = number(), !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }) else { return nil }
        return Int(text)
    }

    /// Finite numbers of at most 15 significant digits, which every parser reads alike.
    private mutating func double() -> Double? {
        guard let text = number(), text.utf8.count <= 15, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// A number as written, checked against JSON's grammar.
    private mutating func number() -> String? {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digits(leadingZeroAllowed: false) else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(leadingZeroAllowed: true) else { return nil }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits(leadingZeroAllowed: true) else { return nil }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func digits(leadingZeroAllowed: Bool) -> Bool {
        let start = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
        let count = position - start
        if count == 0 { return false }
        return leadingZeroAllowed || count == 1 || bytes[start] != 0x30
    }

    /// Checks any value and moves past it.
    private mutating func skipValue(depth: Int) -> Bool {
        skipWhitespace()
        guard position < bytes.count, depth < Self.maxDepth else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            return distinctMembers(depth: depth) { reader, _ in reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            return array(depth: depth) { $0.skipValue(depth: depth + 1) ? () : nil } != nil
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    /// Checks a string (as ``string()`` reads it) without keeping it.
    private mutating func skipString() -> Bool {
        let start = position + 1
        var high: UInt8 = 0
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                guard high >= 0x80 else {
                    position = end + 1
                    return true
                }
                break
            }
            if byte < 0x20 { return false }
            if byte == UInt8(ascii: "\\") { break }
            high |= byte
            end += 1
        }
        return string() != nil
    }

    /// A string value.
    private mutating func string() -> String? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        position += 1  // the opening quote
        let start = position
        var high: UInt8 = 0
        // Most strings have no escape, and most are ASCII: read straight from the request's
        // bytes, validated only when they are not ASCII.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return high < 0x80 ? String(decoding: raw, as: UTF8.self) : Self.validated(raw)
            }
            high |= byte
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") { break }
            position += 1
        }
        guard position < bytes.count else { return nil }
        var scalars: [UInt8] = []
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                return scalars.withUnsafeBytes(Self.validated)
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<position]))
                guard escape(into: &scalars) else { return nil }
                runStart = position
                continue
            }
            position += 1
        }
        return nil
    }

    /// The text of UTF-8 bytes, or `nil` when they are not valid UTF-8: decoding repairs
    /// invalid bytes, so a repaired text differs from the bytes.
    private static func validated(_ raw: UnsafeRawBufferPointer) -> String? {
        let text = String(decoding: raw, as: UTF8.self)
        return text.utf8.elementsEqual(raw) ? text : nil
    }

    private mutating func escape(into out: inout [UInt8]) -> Bool {
        position += 1
        guard position < bytes.count else { return false }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4() else { return false }
            var scalar: Unicode.Scalar?
            if (0xD800..<0xDC00).contains(unit) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else { return false }
                position += 2
                guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return false }
                scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            } else {
                scalar = Unicode.Scalar(unit)
            }
            guard let scalar else { return false }
            out.append(contentsOf: String(Character(scalar)).utf8)
        default:
            return false
        }
        return true
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
