/// A small, strict JSON reader for the server's hot path. It gives up (returns `nil`) on anything
/// unusual, such as invalid UTF-8, a lone surrogate, a duplicate key or trailing bytes, and the
/// caller then falls back to `JSONDecoder`, which decides and explains.
enum FastJSON: Equatable {
    case null
    case bool(Bool)
    /// A number, as written.
    case number(String)
    case string(String)
    case array([FastJSON])
    case object(Members)

    /// An object's members in the order written. Requests' objects are small, so a look-up
    /// walks the keys: cheaper than hashing each of them into a dictionary.
    struct Members: Equatable {
        fileprivate(set) var keys: [String] = []
        fileprivate(set) var values: [FastJSON] = []

        /// The most members the reader takes in one object; a larger one goes to `JSONDecoder`,
        /// so that the duplicate check stays cheap.
        static let limit = 64

        subscript(key: String) -> FastJSON? {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }
    }

    /// Parses a whole document, or returns `nil`.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> FastJSON? {
        var reader = Reader(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipWhitespace()
        return reader.position == bytes.count ? value : nil
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        static let maxDepth = 64

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> FastJSON? {
            skipWhitespace()
            guard position < bytes.count, depth < Self.maxDepth else { return nil }
            switch bytes[position] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(FastJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ value: FastJSON) -> FastJSON? {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { return nil }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
                return nil
            }
            position += count
            return value
        }

        mutating func number() -> FastJSON? {
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
            return .number(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        }

        mutating func digits(leadingZeroAllowed: Bool) -> Bool {
            let start = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            let count = position - start
            if count == 0 { return false }
            return leadingZeroAllowed || count == 1 || bytes[start] != 0x30
        }

        mutating func string() -> String? {
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
        static func validated(_ raw: UnsafeRawBufferPointer) -> String? {
            let text = String(decoding: raw, as: UTF8.self)
            return text.utf8.elementsEqual(raw) ? text : nil
        }

        mutating func escape(into out: inout [UInt8]) -> Bool {
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

        mutating func hex4() -> UInt32? {
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

        mutating func array(depth: Int) -> FastJSON? {
            position += 1
            var items: [FastJSON] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                guard let item = value(depth: depth + 1) else { return nil }
                items.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "]") { return .array(items) }
                if byte != UInt8(ascii: ",") { return nil }
            }
        }

        mutating func object(depth: Int) -> FastJSON? {
            position += 1
            var members = Members()
            members.keys.reserveCapacity(8)
            members.values.reserveCapacity(8)
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                guard let item = value(depth: depth + 1) else { return nil }
                // A duplicate key: leave the choice of which one counts to JSONDecoder.
                guard members.keys.count < Members.limit, !members.keys.contains(key) else { return nil }
                members.keys.append(key)
                members.values.append(item)
                skipWhitespace()
                guard position < bytes.count else { return nil }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "}") { return .object(members) }
                if byte != UInt8(ascii: ",") { return nil }
            }
        }
    }
}
