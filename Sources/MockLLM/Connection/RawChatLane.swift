import Foundation
import Logging
import NIOCore

/// The fastest way through the server: plain chat completions read straight from the socket's
/// bytes and answered with the bytes NIO's HTTP encoder would write, before the HTTP decoder.
///
/// It takes a request only when everything about it is plain, and only while the connection has
/// never needed the decoder: the whole request (head and body) in the bytes at hand, `POST
/// /v1/chat/completions HTTP/1.1` with one `Host`, a `Content-Length` within the limit, printable
/// header lines, no `Connection` but `keep-alive`, and no `Transfer-Encoding`, `Expect` or
/// `Upgrade`. The first bytes
/// it cannot take, and everything after them on that connection, go to the decoder, the
/// ``ConnectionGuard``, the ``ChatFastLane`` and the router, exactly as if it were not there; a
/// request it reads but whose answer is not plain (a fault, a delay, an error) goes there too,
/// uncounted. The answer comes from ``ChatFastLane/answerBody(of:state:logger:header:)``, and the
/// guard is told of each exchange, so its timeouts hold. `FastLaneTests` compares its bytes with
/// the router's.
final class RawChatLane: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let state: MockState
    private let maxBodyBytes: Int
    private let logger: Logger
    private let connectionGuard: ConnectionGuard
    private let dates = HTTPDateCache()
    /// Once bytes went to the decoder, they all do: the decoder may hold part of a request.
    private var handingOn = false

    init(state: MockState, maxBodyBytes: Int, logger: Logger, connectionGuard: ConnectionGuard) {
        self.state = state
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !handingOn, !connectionGuard.discardsInput else {
            context.fireChannelRead(data)
            return
        }
        var buffer = unwrapInboundIn(data)
        var answered = false
        while buffer.readableBytes > 0, let request = RawRequest.read(buffer.readableBytesView, maxBodyBytes: maxBodyBytes) {
            let body = buffer.getSlice(at: buffer.readerIndex + request.bodyStart, length: request.bodyLength) ?? ByteBuffer()
            let fields = request.fields
            let answer = ChatFastLane.answerBody(of: body, state: state, logger: logger) { RawRequest.field($0, in: fields) }
            guard let answer else { break }
            buffer.moveReaderIndex(forwardBy: request.bodyStart + request.bodyLength)
            connectionGuard.answeredInline()
            write(answer, context: context)
            state.rawLaneAnswers.add(1, ordering: .relaxed)
            answered = true
        }
        if answered { context.flush() }
        if buffer.readableBytes > 0 {
            handingOn = true
            if answered { connectionGuard.bytesArrived() }
            context.fireChannelRead(wrapInboundOut(buffer))
        }
    }

    /// Writes the answer as Hummingbird's response, through NIO's encoder, would be written.
    private func write(_ body: ResponsePlan.AnswerBody, context: ChannelHandlerContext) {
        var out = context.channel.allocator.buffer(capacity: 1024)
        out.writeStaticString("HTTP/1.1 200 OK\r\n")
        for (name, value) in body.headFields(date: dates.now()) {
            out.writeString(name)
            out.writeStaticString(": ")
            out.writeString(value)
            out.writeStaticString("\r\n")
        }
        switch body {
        case .json(let json):
            out.writeStaticString("\r\n")
            out.writeImmutableBuffer(json)
            context.write(wrapOutboundOut(out), promise: nil)
        case .stream(let chunks):
            // NIO's encoder frames a body without a length this way.
            out.writeStaticString("transfer-encoding: chunked\r\n\r\n")
            guard let first = chunks.first else {
                Self.writeChunk(ServerSentEvents.done, to: &out)
                out.writeStaticString("0\r\n\r\n")
                context.write(wrapOutboundOut(out), promise: nil)
                return
            }
            // The first event leaves before the rest is written out.
            Self.writeChunk(ServerSentEvents.firstFrame(first, last: chunks.count == 1), to: &out)
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            var rest = context.channel.allocator.buffer(capacity: 0)
            for frame in ServerSentEvents.laterFrames(chunks.dropFirst()) {
                Self.writeChunk(frame, to: &rest)
            }
            rest.writeStaticString("0\r\n\r\n")
            context.write(wrapOutboundOut(rest), promise: nil)
        }
    }

    /// One chunk of a chunked body, framed as NIO frames it: its size in lowercase hex.
    private static func writeChunk(_ data: ByteBuffer, to out: inout ByteBuffer) {
        guard data.readableBytes > 0 else { return }
        let digits: StaticString = "0123456789abcdef"
        let size = data.readableBytes
        let width = (Int.bitWidth - size.leadingZeroBitCount + 3) / 4
        for shift in stride(from: 4 * (width - 1), through: 0, by: -4) {
            out.writeInteger(digits.utf8Start[(size >> shift) & 0xF])
        }
        out.writeStaticString("\r\n")
        out.writeImmutableBuffer(data)
        out.writeStaticString("\r\n")
    }
}

/// A plain chat-completions request found whole at the start of some bytes (see ``RawChatLane``).
struct RawRequest {
    /// The header fields, names lowercased, in order.
    let fields: [(name: String, value: String)]
    let bodyStart: Int
    let bodyLength: Int

    /// The longest head the lane reads; a longer one goes to the decoder.
    static let headLimit = 16 * 1024
    static let fieldLimit = 64

    /// A field's values joined by commas, as HTTPTypes gives them to the router.
    static func field(_ name: String, in fields: [(name: String, value: String)]) -> String? {
        let wanted = name.lowercased()
        var found: String?
        for field in fields where field.name == wanted {
            found = found.map { $0 + ", " + field.value } ?? field.value
        }
        return found
    }

    private static let requestLine = Array("POST /v1/chat/completions".utf8)
    private static let version = Array(" HTTP/1.1\r\n".utf8)

    /// The request at the start of `bytes`, or `nil` when it is not whole or not plain.
    static func read(_ bytes: ByteBufferView, maxBodyBytes: Int) -> RawRequest? {
        bytes.withContiguousStorageIfAvailable { read(UnsafeRawBufferPointer($0), maxBodyBytes: maxBodyBytes) } ?? nil
    }

    static func read(_ bytes: UnsafeRawBufferPointer, maxBodyBytes: Int) -> RawRequest? {
        guard bytes.count > requestLine.count, bytes.starts(with: requestLine) else { return nil }
        var position = requestLine.count
        // An optional query: printable, no space.
        if bytes[position] == UInt8(ascii: "?") {
            while position < bytes.count, bytes[position] > 0x20, bytes[position] < 0x7F { position += 1 }
        }
        guard bytes.count - position >= version.count,
            UnsafeRawBufferPointer(rebasing: bytes[position..<(position + version.count)]).elementsEqual(version)
        else { return nil }
        position += version.count

        var fields: [(name: String, value: String)] = []
        var hosts = 0
        var length: Int?
        while true {
            guard position < min(bytes.count, headLimit), fields.count <= fieldLimit else { return nil }
            if bytes[position] == 0x0D {
                guard position + 1 < bytes.count, bytes[position + 1] == 0x0A else { return nil }
                position += 2
                break
            }
            // name ":" OWS value, with no folding, no trailing whitespace, printable bytes only.
            let nameStart = position
            while position < bytes.count, isToken(bytes[position]) { position += 1 }
            guard position > nameStart, position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<position]), as: UTF8.self).lowercased()
            position += 1
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            let valueStart = position
            while position < bytes.count, bytes[position] >= 0x20, bytes[position] < 0x7F { position += 1 }
            guard position + 1 < bytes.count, bytes[position] == 0x0D, bytes[position + 1] == 0x0A else { return nil }
            guard position == valueStart || bytes[position - 1] != 0x20 else { return nil }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<position]), as: UTF8.self)
            position += 2
            switch name {
            case "connection":
                // SDKs send keep-alive, which changes nothing on HTTP/1.1; anything else is the
                // decoder's.
                guard ChatFastLane.isKeepAlive(value.utf8) else { return nil }
            case "transfer-encoding", "expect", "upgrade", "te", "trailer":
                return nil
            case "host":
                hosts += 1
            case "content-length":
                guard length == nil, !value.isEmpty, value.utf8.count <= 9, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
                length = Int(value)
            default:
                break
            }
            fields.append((name, value))
        }
        guard hosts == 1, let length, length <= maxBodyBytes, bytes.count - position >= length else { return nil }
        return RawRequest(fields: fields, bodyStart: position, bodyLength: length)
    }

    /// A byte of an HTTP token (a field name).
    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
