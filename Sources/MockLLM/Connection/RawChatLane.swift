import Foundation
import Logging
import NIOCore

/// The fastest way through the server: plain chat completions read straight from the socket's
/// bytes and answered with the bytes NIO's HTTP encoder would write, before the HTTP decoder.
///
/// It takes a request only when everything about it is plain, and only while the connection has
/// never needed the decoder: `POST /v1/chat/completions HTTP/1.1` with one `Host`, a
/// `Content-Length` within the limit, printable header lines, no `Connection` but `keep-alive`,
/// and no `Transfer-Encoding`, `Expect` or `Upgrade`. A request that comes in pieces (many clients
/// write the head and the body apart) is kept until it is whole, and the guard is told when its
/// head is complete, as the decoder would tell it; its timeouts run meanwhile. The first bytes it
/// cannot take, and everything after them on that connection, go to the decoder, the
/// ``ConnectionGuard``, the ``ChatFastLane`` and the router, exactly as if it were not there; a
/// request it reads but whose answer is not plain (a fault, a delay, an error) goes there too,
/// uncounted. The answer comes from ``ChatFastLane/answerBody(of:state:logger:header:)``, and the
/// guard is told of each exchange, so its timeouts hold. `FastLaneTests` compares its bytes with
/// the router's; `RawLanePiecesTests` feeds it requests in pieces.
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
    /// The start of a request that may still turn out plain, kept until it is whole.
    private var held: ByteBuffer?

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
        if var earlier = held {
            held = nil
            earlier.writeBuffer(&buffer)
            buffer = earlier
        }
        var answered = false
        scanning: while buffer.readableBytes > 0 {
            switch RawRequest.scan(buffer.readableBytesView, maxBodyBytes: maxBodyBytes) {
            case .whole(let request):
                let body = buffer.getSlice(at: buffer.readerIndex + request.bodyStart, length: request.bodyLength) ?? ByteBuffer()
                let fields = request.fields
                let answer = ChatFastLane.answerBody(of: body, state: state, logger: logger) { RawRequest.field($0, in: fields) }
                guard let answer else { break scanning }
                buffer.moveReaderIndex(forwardBy: request.bodyStart + request.bodyLength)
                connectionGuard.answeredInline()
                write(answer, context: context)
                state.rawLaneAnswers.add(1, ordering: .relaxed)
                answered = true
            case .partial(let headRead):
                // The rest of this request is still on its way (a client may send the head and
                // the body apart): keep what came, and tell the guard what the decoder would.
                if answered { connectionGuard.bytesArrived() }
                if headRead { connectionGuard.headReadInline() }
                held = buffer
                if answered { context.flush() }
                return
            case .refused:
                break scanning
            }
        }
        if answered { context.flush() }
        if buffer.readableBytes > 0 {
            if answered { connectionGuard.bytesArrived() }
            handOn(buffer, context: context)
        }
    }

    /// The handlers after the lane hear that a read is complete only when they were given bytes
    /// in it: a read the lane answered whole is none of theirs (and walking them costs a tenth of
    /// a request's instructions).
    func channelReadComplete(context: ChannelHandlerContext) {
        guard handingOn else { return }
        context.fireChannelReadComplete()
    }

    /// The input ended, or the server is stopping: a request kept unfinished goes to the decoder
    /// first, which says what it makes of it, as it would have without the lane.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let earlier = held {
            held = nil
            handOn(earlier, context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        held = nil
        context.fireChannelInactive()
    }

    /// Gives bytes to the decoder, and every byte after them on this connection.
    private func handOn(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        handingOn = true
        context.fireChannelRead(wrapInboundOut(buffer))
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
        var found: String?
        for field in fields where field.name.utf8.elementsEqual(name.utf8, by: { $0 == lowercased($1) }) {
            found = found.map { $0 + ", " + field.value } ?? field.value
        }
        return found
    }

    private static let requestLine = Array("POST /v1/chat/completions".utf8)
    private static let version = Array(" HTTP/1.1\r\n".utf8)

    /// What the start of some bytes is.
    enum Scan {
        /// A whole, plain request.
        case whole(RawRequest)
        /// The start of a request that is plain so far; `headRead` when its head is whole.
        case partial(headRead: Bool)
        /// Not a request the lane takes, whatever follows.
        case refused
    }

    /// The request at the start of `bytes`: whole, begun, or not the lane's. A begun request is
    /// bounded: a head that does not end within ``headLimit`` bytes is refused, and so is a body
    /// longer than `maxBodyBytes`.
    static func scan(_ bytes: ByteBufferView, maxBodyBytes: Int) -> Scan {
        bytes.withContiguousStorageIfAvailable { scan(UnsafeRawBufferPointer($0), maxBodyBytes: maxBodyBytes) } ?? .refused
    }

    static func scan(_ bytes: UnsafeRawBufferPointer, maxBodyBytes: Int) -> Scan {
        let result = scanUnbounded(bytes, maxBodyBytes: maxBodyBytes)
        if case .partial(headRead: false) = result, bytes.count >= headLimit { return .refused }
        return result
    }

    /// Whether `bytes` from `start` to their end begin `expected`: so far, they could be it.
    private static func couldBe(_ bytes: UnsafeRawBufferPointer, from start: Int, _ expected: [UInt8]) -> Bool {
        let available = bytes.count - start
        return available < expected.count && UnsafeRawBufferPointer(rebasing: bytes[start...]).elementsEqual(expected.prefix(available))
    }

    private static func scanUnbounded(_ bytes: UnsafeRawBufferPointer, maxBodyBytes: Int) -> Scan {
        if couldBe(bytes, from: 0, requestLine) { return .partial(headRead: false) }
        guard bytes.starts(with: requestLine) else { return .refused }
        var position = requestLine.count
        // An optional query: printable, no space.
        if position < bytes.count, bytes[position] == UInt8(ascii: "?") {
            while position < bytes.count, bytes[position] > 0x20, bytes[position] < 0x7F { position += 1 }
        }
        if couldBe(bytes, from: position, version) { return .partial(headRead: false) }
        guard bytes.count - position >= version.count,
            UnsafeRawBufferPointer(rebasing: bytes[position..<(position + version.count)]).elementsEqual(version)
        else { return .refused }
        position += version.count

        var fields: [(name: String, value: String)] = []
        var hosts = 0
        var length: Int?
        while true {
            guard position < headLimit, fields.count <= fieldLimit else { return .refused }
            guard position < bytes.count else { return .partial(headRead: false) }
            if bytes[position] == 0x0D {
                guard position + 1 < bytes.count else { return .partial(headRead: false) }
                guard bytes[position + 1] == 0x0A else { return .refused }
                position += 2
                break
            }
            // name ":" OWS value, with no folding, no trailing whitespace, printable bytes only.
            let nameStart = position
            while position < bytes.count, isToken(bytes[position]) { position += 1 }
            guard position < bytes.count else { return .partial(headRead: false) }
            guard position > nameStart, bytes[position] == UInt8(ascii: ":") else { return .refused }
            let name = lowercased(UnsafeRawBufferPointer(rebasing: bytes[nameStart..<position]))
            position += 1
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
            let valueStart = position
            while position < bytes.count, bytes[position] >= 0x20, bytes[position] < 0x7F { position += 1 }
            guard position < bytes.count else { return .partial(headRead: false) }
            guard bytes[position] == 0x0D else { return .refused }
            guard position + 1 < bytes.count else { return .partial(headRead: false) }
            guard bytes[position + 1] == 0x0A else { return .refused }
            guard position == valueStart || bytes[position - 1] != 0x20 else { return .refused }
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<position]), as: UTF8.self)
            position += 2
            switch name {
            case "connection":
                // SDKs send keep-alive, which changes nothing on HTTP/1.1; anything else is the
                // decoder's.
                guard ChatFastLane.isKeepAlive(value.utf8) else { return .refused }
            case "transfer-encoding", "expect", "upgrade", "te", "trailer":
                return .refused
            case "host":
                hosts += 1
            case "content-length":
                guard length == nil, !value.isEmpty, value.utf8.count <= 9, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return .refused }
                length = Int(value)
            default:
                break
            }
            fields.append((name, value))
        }
        guard hosts == 1, let length, length <= maxBodyBytes else { return .refused }
        guard bytes.count - position >= length else { return .partial(headRead: true) }
        return .whole(RawRequest(fields: fields, bodyStart: position, bodyLength: length))
    }

    /// A field name (a token: ASCII) in lowercase.
    private static func lowercased(_ name: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: name.count) { buffer in
            for (index, byte) in name.enumerated() { buffer[index] = lowercased(byte) }
            return name.count
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
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
