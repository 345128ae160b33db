/// Splits a server-sent event stream into the `data` of each event, as bytes arrive in pieces.
///
/// Events end at a blank line; lines may end in `\n` or `\r\n`; a line that starts with `:` is
/// a comment; several `data:` lines of one event are joined with `\n`. Other fields (`event:`,
/// `id:`, `retry:`) are ignored: chat completions do not use them.
///
/// ```swift
/// var parser = ServerSentEventParser()
/// parser.feed(Array("data: {\"a\":1}\n\ndata: [DO".utf8))  // ["{\"a\":1}"]
/// parser.feed(Array("NE]\n\n".utf8))                       // ["[DONE]"]
/// ```
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [String] = []

    public init() {}

    /// Adds bytes and returns the data of every event they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            guard byte == UInt8(ascii: "\n") else {
                line.append(byte)
                continue
            }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { events.append(data.joined(separator: "\n")) }
                data = []
            } else {
                take(String(decoding: line, as: UTF8.self))
            }
            line = []
        }
        return events
    }

    /// Whether bytes of an unfinished event are waiting for the blank line that ends it.
    public var hasPartialEvent: Bool { !line.isEmpty || !data.isEmpty }

    private mutating func take(_ text: String) {
        guard !text.hasPrefix(":") else { return }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        if field == "data" { data.append(String(value)) }
    }
}
