import Logging
import NIOCore
import NIOHTTP1

/// Keeps every connection bounded: it times out idle, slow-head and slow-body clients, answers
/// `Expect: 100-continue`, rejects a request without `Host`, with a body over the limit or that is
/// not HTTP, and ends a connection that must end by half-closing it and closing it once the client
/// is done (or after the linger timeout), so that no rejected client holds a descriptor.
///
/// It sits between NIO's HTTP/1 decoder and Hummingbird, on one event loop; ``InboundByteTap``
/// before the decoder tells it when bytes arrive and discards them while it lingers.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Readable by tests.
    private(set) var state: ConnectionState
    private let maxBodyBytes: Int
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    /// Inbound parts of a rejected request (and all after it) go no further.
    private var swallowing = false
    /// The server's own answer, waiting for the answers owed before it.
    private var pending: (Rejection, HTTPVersion)?
    /// Router output is dropped once the guard has answered on its own.
    private var answeredItself = false
    private var inputClosed = false
    /// The head of the request the raw lane holds was counted by ``headReadInline()``; the
    /// decoder's report of it, if the lane hands the request on, is not counted again.
    private var headCountedInline = false
    private var closed = false
    /// The longest a timer check is set ahead (see ``armTimer()``).
    private let cadence: TimeAmount

    init(limits: MockLLMServer.ConnectionLimits, maxBodyBytes: Int, logger: Logger) {
        self.cadence = TimeAmount(min(limits.idleTimeout, limits.headerTimeout, limits.bodyTimeout))
        self.state = ConnectionState(limits: limits, now: .now())
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    /// Whether inbound bytes are to be thrown away (the connection is ending).
    var discardsInput: Bool { state.lingering || closed }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        armTimer()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    // MARK: Inbound

    /// Called by ``InboundByteTap`` before the decoder sees the bytes.
    func bytesArrived() {
        state.bytesArrived(now: .now())
        armTimer()
    }

    /// The ``RawChatLane`` holds a request whose head is whole and whose body is still coming:
    /// the head as the decoder would have reported it (the body's timeout starts). Told again for
    /// the same request, as each piece of its body arrives, it changes nothing.
    func headReadInline() {
        guard !headCountedInline else { return }
        state.headArrived(now: .now(), keepAlive: true)
        headCountedInline = true
        armTimer()
    }

    /// A request the ``RawChatLane`` read and answered itself: its head (unless
    /// ``headReadInline()`` reported it), its end and its answer, as the decoder and the router
    /// would have reported them.
    func answeredInline() {
        let now = NIODeadline.now()
        if headCountedInline {
            headCountedInline = false
        } else {
            state.headArrived(now: now, keepAlive: true)
        }
        state.requestEnded()
        _ = state.answerEnded(now: now)
        armTimer()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard !swallowing else { return }
        switch part {
        case .head(let head):
            if headCountedInline {
                // The raw lane reported this head, a plain one, and then handed the request on.
                headCountedInline = false
            } else {
                if let rejection = rejection(for: head) {
                    reject(rejection, version: head.version)
                    return
                }
                state.headArrived(now: .now(), keepAlive: head.isKeepAlive)
                if Self.expectsContinue(head), head.version == .http1_1 {
                    context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
                }
            }
            armTimer()
        case .body:
            break
        case .end:
            state.requestEnded()
            armTimer()
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError {
            logger.debug("unparsable request", metadata: ["error": "\(error)"])
            if state.reading == .body, state.owed > 0 {
                // The router is reading this body and will never see its end: nothing can be
                // answered on this connection any more.
                close(context)
            } else {
                reject(.unparsable(error), version: .http1_1)
            }
            return
        }
        context.fireErrorCaught(error)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            if state.lingering || (state.owed == 0 && state.reading == .between && pending == nil) {
                close(context)
                return
            }
            state.closeAfterAnswers()
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answeredItself, !state.lingering else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if let connection = head.headers.first(name: "connection"), connection.lowercased().contains("close") {
                state.closeAfterAnswers()
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            let last = state.answerEnded(now: .now())
            if last {
                let written = context.writeAndFlush(data)
                written.cascade(to: promise)
                written.assumeIsolated().whenComplete { [self] _ in linger() }
            } else {
                context.write(data, promise: promise)
                writePending()
            }
            armTimer()
        }
    }

    // MARK: Decisions

    private func rejection(for head: HTTPRequestHead) -> Rejection? {
        if head.version == .http1_1, Self.hostCount(head.headers) != 1 {
            return .missingHost
        }
        if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > maxBodyBytes {
            return .bodyTooLarge(length, limit: maxBodyBytes)
        }
        if let expectation = head.headers.first(name: "expect"), expectation.lowercased() != "100-continue" {
            return .unknownExpectation(expectation)
        }
        return nil
    }

    /// How many `Host` fields the head has, without copying the headers.
    private static func hostCount(_ headers: HTTPHeaders) -> Int {
        var count = 0
        for (name, _) in headers where name.utf8.count == 4 && name.lowercased() == "host" {
            count += 1
        }
        return count
    }

    private static func expectsContinue(_ head: HTTPRequestHead) -> Bool {
        head.headers.first(name: "expect")?.lowercased() == "100-continue"
    }

    /// Answers on the server's own account and ends the connection after it.
    private func reject(_ rejection: Rejection, version: HTTPVersion) {
        swallowing = true
        guard pending == nil, !answeredItself else { return }
        pending = (rejection, version)
        writePending()
    }

    /// Writes the guard's own answer once nothing else is owed.
    private func writePending() {
        guard let context, let (rejection, version) = pending, state.owed == 0 else { return }
        pending = nil
        answeredItself = true
        state.closeAfterAnswers()
        state.owe()
        let (head, body) = rejection.parts(version: version)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        _ = state.answerEnded(now: .now())
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { [self] _ in linger() }
        armTimer()
    }

    /// After the last answer: half-close, then wait for the client to close (or the timeout).
    private func linger() {
        guard let context, !closed else { return }
        if inputClosed {
            close(context)
            return
        }
        context.close(mode: .output).assumeIsolated().whenFailure { [self] _ in
            if let context = self.context { close(context) }
        }
        armTimer()
    }

    private func close(_ context: ChannelHandlerContext) {
        guard !closed else { return }
        closed = true
        timer?.cancel()
        timer = nil
        context.close(promise: nil)
    }

    // MARK: Timer

    /// Keeps one scheduled check no later than the state's deadline. A check is never set more
    /// than the shortest of the idle, head and body timeouts ahead, so that a new request's
    /// deadline (never nearer than that) needs no new timer: requests cost no timer work, and an
    /// idle connection wakes once per such period. Only lingering, shorter, sets one anew.
    private func armTimer() {
        guard let context, !closed, let deadline = state.wait?.deadline else { return }
        if let scheduled = timerDeadline, timer != nil, scheduled <= deadline { return }
        timer?.cancel()
        let check = min(deadline, .now() + cadence)
        timerDeadline = check
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: check) { [self] in
            timerFired()
        }
    }



    private func timerFired() {
        timer = nil
        timerDeadline = nil
        guard let context, !closed else { return }
        guard let expired = state.expired(now: .now()) else {
            armTimer()
            return
        }
        switch expired {
        case .idle, .linger:
            logger.debug("connection closed", metadata: ["after": "\(expired)"])
            close(context)
        case .head, .body:
            let limit = expired == .head ? state.limits.headerTimeout : state.limits.bodyTimeout
            logger.debug("request timed out", metadata: ["waiting for": "\(expired)"])
            if state.canAnswerTimeout, !answeredItself, pending == nil {
                // The router may be waiting for this body: its answer is dropped from now on.
                if expired == .body { _ = state.answerEnded(now: .now()) }
                reject(.timedOut(expired, after: limit), version: .http1_1)
                armTimer()
            } else {
                close(context)
            }
        }
    }
}
