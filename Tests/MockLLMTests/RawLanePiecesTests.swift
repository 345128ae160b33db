import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import MockLLM

/// Clients often write a request's head and its body apart (Python's http.client does), so the raw
/// lane sees a request in pieces. It keeps them until the request is whole, and the guard must see
/// each request exactly once, whether the lane answers it or hands it to the decoder. These run
/// the connection's handlers on an embedded channel, so that each piece is a read of its own.
@Suite("the raw lane with a request in pieces")
struct RawLanePiecesTests {
    static let body = FastLaneTests.opening
    static let head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"

    /// The handlers in the server's order, without the router: what the decoder passes on comes
    /// out of the channel's inbound end.
    struct Connection {
        let channel = EmbeddedChannel()
        let state: MockState
        let connectionGuard: ConnectionGuard

        init(scenario: String) throws {
            state = try MockState(scenario: .builtIn(scenario), configuration: MockLLMServer.Configuration())
            let logger = Logger(label: "test")
            connectionGuard = ConnectionGuard(limits: MockLLMServer.ConnectionLimits(), maxBodyBytes: 1 << 20, logger: logger)
            try channel.pipeline.syncOperations.addHandlers([
                InboundByteTap(connectionGuard),
                RawChatLane(state: state, maxBodyBytes: 1 << 20, logger: logger, connectionGuard: connectionGuard),
                ByteToMessageHandler(HTTPRequestDecoder()),
                HTTPResponseEncoder(),
                connectionGuard,
            ])
        }

        func send(_ text: some StringProtocol) throws {
            try channel.writeInbound(channel.allocator.buffer(string: String(text)))
        }

        /// Everything written to the socket so far.
        func written() throws -> String {
            var text = ""
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += String(buffer: buffer)
            }
            return text
        }

        /// The parts the decoder passed on, as their kinds.
        func handedOn() throws -> [String] {
            var kinds: [String] = []
            while let part = try channel.readInbound(as: HTTPServerRequestPart.self) {
                switch part {
                case .head(let head): kinds.append("head \(head.uri)")
                case .body: kinds.append("body")
                case .end: kinds.append("end")
                }
            }
            return kinds.reduce(into: []) { merged, kind in
                if kind == "body", merged.last == "body" { return }
                merged.append(kind)
            }
        }
    }

    /// The request cut into its head and three pieces of its body.
    static var pieces: [Substring] {
        let request = head + body
        let utf8 = Array(request.utf8)
        let cuts = [0, head.utf8.count, head.utf8.count + 40, head.utf8.count + 200, utf8.count]
        return zip(cuts, cuts.dropFirst()).map { Substring(String(decoding: utf8[$0..<$1], as: UTF8.self)) }
    }

    @Test("a request in four reads is answered by the lane once it is whole, and counted once")
    func answeredWhenWhole() throws {
        let connection = try Connection(scenario: "lab04-autonomy")
        for (index, piece) in Self.pieces.enumerated() {
            try connection.send(piece)
            let last = index == Self.pieces.count - 1
            if !last {
                #expect(try connection.written().isEmpty, "answered before the request was whole (piece \(index))")
                // Once the head is whole, the body's timeout runs, as with the decoder.
                #expect(connection.connectionGuard.state.reading == .body)
                #expect(connection.connectionGuard.state.owed == 1)
            }
        }
        let answer = try connection.written()
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
        #expect(answer.contains(#""name":"check_disk""#))
        #expect(try connection.handedOn().isEmpty)
        #expect(connection.state.rawLaneAnswers.load(ordering: .relaxed) == 1)
        #expect(connection.state.journal.count == 1)
        #expect(connection.connectionGuard.state.owed == 0)
        #expect(connection.connectionGuard.state.reading == .between)

        // The next one, whole in one read, is the lane's too.
        try connection.send(Self.head + Self.body)
        #expect(try connection.written().hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(connection.state.rawLaneAnswers.load(ordering: .relaxed) == 2)
        #expect(connection.connectionGuard.state.owed == 0)
        _ = try? connection.channel.finish()
    }

    @Test("a head in pieces keeps the head's timeout until it is whole")
    func headInPieces() throws {
        let connection = try Connection(scenario: "lab04-autonomy")
        try connection.send(Self.head.prefix(30))
        #expect(connection.connectionGuard.state.reading == .head)
        #expect(connection.connectionGuard.state.wait?.kind == .head)
        #expect(connection.connectionGuard.state.owed == 0)
        try connection.send(Self.head.dropFirst(30))
        #expect(connection.connectionGuard.state.wait?.kind == .body)
        #expect(connection.connectionGuard.state.owed == 1)
        try connection.send(Self.body)
        #expect(try connection.written().hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(connection.connectionGuard.state.owed == 0)
        _ = try? connection.channel.finish()
    }

    @Test("a request in pieces whose answer is not plain goes to the decoder whole, counted once")
    func notPlainHandedOn() throws {
        // ch11-flaky answers the first attempt with a 429: the router's, not the lane's.
        let connection = try Connection(scenario: "ch11-flaky")
        let body = #"{"model":"mock-gpt","messages":[{"role":"user","content":"Plan the deploy."}]}"#
        let head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        try connection.send(head)
        try connection.send(body)
        #expect(try connection.written().isEmpty)
        #expect(try connection.handedOn() == ["head /v1/chat/completions", "body", "end"])
        #expect(connection.connectionGuard.state.owed == 1, "the head was counted once")
        #expect(connection.state.rawLaneAnswers.load(ordering: .relaxed) == 0)
        #expect(connection.state.journal.isEmpty, "nothing is journalled for a request handed on")
        _ = try? connection.channel.finish()
    }

    @Test("a begun request goes to the decoder when the input ends, which reports what it makes of it")
    func inputEndsMidRequest() throws {
        let connection = try Connection(scenario: "lab04-autonomy")
        try connection.send(Self.head)
        try connection.send(Self.body.prefix(20))
        #expect(try connection.handedOn().isEmpty)
        connection.channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(try connection.handedOn() == ["head /v1/chat/completions", "body"])
        #expect(connection.connectionGuard.state.owed == 1, "the head was counted once")
        _ = try? connection.channel.finish()
    }

    @Test("bytes that stop being a plain request go to the decoder from the request's first byte")
    func refusedLater() throws {
        let connection = try Connection(scenario: "lab04-autonomy")
        try connection.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        #expect(try connection.handedOn().isEmpty)
        try connection.send("Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        #expect(try connection.handedOn() == ["head /v1/chat/completions", "end"])
        #expect(connection.connectionGuard.state.owed == 1)
        _ = try? connection.channel.finish()
    }
}
