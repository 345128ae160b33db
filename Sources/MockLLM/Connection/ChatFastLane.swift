import Foundation
import LabKit
import Logging
import NIOCore
import NIOHTTP1

/// Answers the plain chat completions on the event loop, without the trip through Hummingbird's
/// async machinery that costs most of a request's time: a `POST /v1/chat/completions` whose
/// answer goes out at once (a completion or a whole stream, no delay, no fault).
///
/// Every other request, and any model request it cannot be sure of, it hands on untouched to the
/// router, which answers it as if the lane were not there. It takes a request only at its end,
/// after reading the body, and only when the whole answer is known: nothing is counted or
/// journalled for a request handed on, so the router counts it once. The answer's bytes come from
/// the code the router uses (``ResponsePlan/answerBody(_:)``, ``ChatCompletionsHandler/journal``),
/// with the headers Hummingbird adds (`Date`, `Server`); a test compares the two lanes byte for
/// byte.
///
/// It sits after the ``ConnectionGuard`` (which has already applied the limits and timeouts) on
/// one event loop. Answers keep the order of requests: while the router owes an answer, every
/// request goes to the router.
final class ChatFastLane: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    static let path = "/v1/chat/completions"

    private let state: MockState
    private let maxBodyBytes: Int
    private let logger: Logger
    private let dates = HTTPDateCache()

    /// The request being read for the lane: its head and its body so far.
    private var held: (head: HTTPRequestHead, body: ByteBuffer?)?
    /// Answers the router owes (requests handed on whose response has not ended).
    private var owedByRouter = 0
    /// A quiesce event that arrived while a request was held, delivered after it.
    private var heldQuiesce: Any?

    init(state: MockState, maxBodyBytes: Int, logger: Logger) {
        self.state = state
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head):
            if owedByRouter == 0, Self.mayTake(head) {
                held = (head, nil)
            } else {
                pass(head, context: context)
            }
        case .body(var chunk):
            guard var request = held else {
                context.fireChannelRead(data)
                return
            }
            if var body = request.body {
                body.writeBuffer(&chunk)
                request.body = body
            } else {
                request.body = chunk
            }
            if (request.body?.readableBytes ?? 0) > maxBodyBytes {
                // Too large for the lane: the router says so in OpenAI's shape.
                held = nil
                handOn(request, context: context)
            } else {
                held = request
            }
        case .end:
            guard let request = held else {
                context.fireChannelRead(data)
                return
            }
            held = nil
            if !answer(request, context: context) {
                handOn(request, context: context)
                context.fireChannelRead(wrapInboundOut(.end(nil)))
            }
            if let event = heldQuiesce {
                heldQuiesce = nil
                context.fireUserInboundEventTriggered(event)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, held != nil {
            heldQuiesce = event
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        held = nil
        context.fireChannelInactive()
    }

    /// Whether a head may be for the lane: the chat route, HTTP/1.1 kept alive, with no
    /// `Connection` header but `keep-alive` (which SDKs send, and which changes nothing).
    private static func mayTake(_ head: HTTPRequestHead) -> Bool {
        guard head.method == .POST, head.version == .http1_1,
            head.headers[canonicalForm: "connection"].allSatisfy({ isKeepAlive($0.utf8) })
        else { return false }
        return routePath(head.uri).elementsEqual(path.utf8)
    }

    /// Whether a `Connection` value is `keep-alive`, in any case.
    static func isKeepAlive(_ value: some Collection<UInt8>) -> Bool {
        value.count == 10 && zip(value, "keep-alive".utf8).allSatisfy { $0 | 0x20 == $1 | 0x20 }
    }

    /// The path of a request target, without its query.
    private static func routePath(_ uri: String) -> Substring.UTF8View {
        let bytes = Substring(uri).utf8
        guard let query = bytes.firstIndex(of: UInt8(ascii: "?")) else { return bytes }
        return bytes[..<query]
    }

    private func pass(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        owedByRouter += 1
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// Gives the router a held request's head and body (its end follows).
    private func handOn(_ request: (head: HTTPRequestHead, body: ByteBuffer?), context: ChannelHandlerContext) {
        pass(request.head, context: context)
        if let body = request.body {
            context.fireChannelRead(wrapInboundOut(.body(body)))
        }
    }

    // MARK: The answer

    /// Answers a whole request when it can; `false` hands it to the router with nothing counted.
    private func answer(_ request: (head: HTTPRequestHead, body: ByteBuffer?), context: ChannelHandlerContext) -> Bool {
        let headers = request.head.headers
        let body = Self.answerBody(of: request.body ?? ByteBuffer(), state: state, logger: logger) { Self.field($0, in: headers) }
        guard let body else { return false }
        write(body, context: context)
        return true
    }

    /// The answer to a plain chat completion with this body, counted and journalled as the router
    /// would; `nil` (nothing counted) when the router must answer it. Both lanes answer this way.
    static func answerBody(
        of buffer: ByteBuffer, state: MockState, logger: Logger, header: @escaping @Sendable (String) -> String?
    ) -> ResponsePlan.AnswerBody? {
        let bytes = Data(buffer.readableBytesView)
        guard let chatRequest = ChatCompletionsHandler.quickParse(bytes) else { return nil }
        let label = header(ChatCompletionsHandler.conversationHeader.rawName)
        let taken = Turn.take(chatRequest, bytes: bytes, label: label, state: state, header: header) { turn in
            ResponsePlan(decision: turn.decision, request: chatRequest, identity: turn.identity).immediateAnswer
        }
        guard let (turn, answer) = taken else { return nil }
        let plan = ResponsePlan(decision: turn.decision, request: chatRequest, identity: turn.identity)
        ChatCompletionsHandler.journal(
            turn, plan: plan, path: path, body: String(decoding: bytes, as: UTF8.self), unknownFields: [],
            state: state, logger: logger
        )
        state.laneAnswers.add(1, ordering: .relaxed)
        return plan.answerBody(answer)
    }

    /// A header's values as HTTPTypes gives them to the router: joined by commas.
    private static func field(_ name: String, in headers: HTTPHeaders) -> String? {
        let values = headers[name]
        switch values.count {
        case 0: return nil
        case 1: return values[0]
        default: return values.joined(separator: ", ")
        }
    }

    /// Writes the answer as Hummingbird writes a ``ResponsePlan``'s response.
    private func write(_ body: ResponsePlan.AnswerBody, context: ChannelHandlerContext) {
        let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: HTTPHeaders(body.headFields(date: dates.now())))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        switch body {
        case .json(let json):
            context.write(wrapOutboundOut(.body(.byteBuffer(json))), promise: nil)
        case .stream(let chunks):
            guard let first = chunks.first else {
                context.write(wrapOutboundOut(.body(.byteBuffer(ServerSentEvents.done))), promise: nil)
                break
            }
            // The first event leaves before the rest is written out.
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ServerSentEvents.firstFrame(first, last: chunks.count == 1)))), promise: nil)
            for frame in ServerSentEvents.laterFrames(chunks.dropFirst()) {
                context.write(wrapOutboundOut(.body(.byteBuffer(frame))), promise: nil)
            }
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), owedByRouter > 0 {
            owedByRouter -= 1
        }
        context.write(data, promise: promise)
    }
}

extension ResponsePlan.AnswerBody {
    /// The fields of the answer's head, in the order the router's response carries them
    /// (Hummingbird adds `Date` and `Server` last); both lanes write these.
    func headFields(date: String) -> [(String, String)] {
        switch self {
        case .json(let json):
            [("Content-Type", "application/json"), ("Content-Length", String(json.readableBytes)), ("Date", date), ("Server", MockLLMServer.serverName)]
        case .stream:
            [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache"), ("Date", date), ("Server", MockLLMServer.serverName)]
        }
    }
}

/// The `Date` header's value (RFC 9110's IMF-fixdate), made once a second.
final class HTTPDateCache {
    private var second: time_t = -1
    private var value = ""

    func now() -> String {
        let current = time(nil)
        if current != second {
            second = current
            value = Self.format(current)
        }
        return value
    }

    static func format(_ seconds: time_t) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
