import Foundation
import LabKit
import Testing
@testable import MockLLM

/// The fast lane answers plain chat completions on the event loop; the router answers the rest.
/// Over a real socket, a server with the lane and one without must send the same bytes (but the
/// `Date` header) and journal the same entries, for every kind of request.
@Suite("the fast lane over a real socket")
struct FastLaneTests {
    static let opening = #"{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are an autonomous SRE agent."},{"role":"user","content":"I'm out of disk space. Fix it."}],"tools":[{"type":"function","function":{"name":"check_disk","description":"Reports disk usage.","parameters":{"type":"object","properties":{}}}},{"type":"function","function":{"name":"clean_logs","description":"Deletes old logs.","parameters":{"type":"object","properties":{}}}}]}"#

    static func request(_ body: String, path: String = "/v1/chat/completions", headers: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func streaming(_ body: String, usage: Bool) -> String {
        String(body.dropLast()) + (usage ? #","stream":true,"stream_options":{"include_usage":true}}"# : #","stream":true}"#)
    }

    /// Requests of every kind, pipelined on one connection; the last one closes it.
    static let requests: [String] = [
        request(opening),
        request(streaming(opening, usage: true)),
        request(opening, headers: "x-mock-conversation: second\r\n"),
        request(opening, path: "/v1/chat/completions?api-version=2024-10-01"),
        // No rule matches: the fallback text, cut by max_completion_tokens.
        request(#"{"model":"m","max_completion_tokens":3,"messages":[{"role":"user","content":"something else"}]}"#),
        request(streaming(#"{"model":"m","messages":[{"role":"user","content":"a \"quoted\" \\ word, é and 🙂"}]}"#, usage: false)),
        // A field the quick reader leaves to JSONDecoder, then a router route, then malformed
        // JSON: all the router's, and the lane must keep their answers in order.
        request(#"{"model":"m","mystery_option":1,"messages":[{"role":"user","content":"disk space"}]}"#),
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        request(opening),
        request(#"{"model":"m","messages":[{"role":"user","content":"unfinished"#),
        request(opening, headers: "Connection: keep-alive\r\n"),
        request(opening, headers: "Connection: close\r\n"),
    ]

    static func start(fastLane: Bool, scenario: String) async throws -> MockLLMServer {
        var configuration = MockLLMServer.Configuration()
        configuration.fastLane = fastLane
        return try await MockLLMServer.start(scenario: .builtIn(scenario), configuration: configuration)
    }

    static func exchange(_ requests: [String], port: Int) async throws -> String {
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(requests.joined())
            return socket.readUntilClosed()
        }
        #expect(closed, "the server did not close after Connection: close")
        // The Date header is the time of the answer; everything else must match.
        return text.split(separator: "\r\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Date: ") }.joined(separator: "\r\n")
    }

    /// The journal without the times at which requests arrived.
    static func journal(of server: MockLLMServer) throws -> String {
        let entries = server.state.journal.map { entry in
            var entry = entry
            entry.receivedMs = nil
            return entry
        }
        return String(decoding: try ChatWire.encode(entries), as: UTF8.self)
    }

    @Test("a server with the lane and one without send the same bytes and journal the same entries")
    func sameBytesBothWays() async throws {
        let lane = try await Self.start(fastLane: true, scenario: "lab04-autonomy")
        let router = try await Self.start(fastLane: false, scenario: "lab04-autonomy")
        let fromLane = try await Self.exchange(Self.requests, port: lane.port)
        let fromRouter = try await Self.exchange(Self.requests, port: router.port)

        #expect(fromLane.components(separatedBy: "HTTP/1.1 ").count - 1 == Self.requests.count, "\(fromLane)")
        #expect(fromLane == fromRouter)
        #expect(try Self.journal(of: lane) == Self.journal(of: router))
        // The lanes took the six plain ones before the first request for the router. The plain
        // ones after it (after /health, and the keep-alive one) are the lane's only if the router
        // had answered everything before them when they were read.
        #expect((6...8).contains(lane.state.laneAnswers.load(ordering: .relaxed)))
        #expect(router.state.laneAnswers.load(ordering: .relaxed) == 0)
        await lane.stop()
        await router.stop()
    }

    @Test("a whole plain request in one read is the raw lane's, with the same bytes as the router's")
    func rawLaneTakesWholeRequests() async throws {
        let lane = try await Self.start(fastLane: true, scenario: "lab04-autonomy")
        let router = try await Self.start(fastLane: false, scenario: "lab04-autonomy")
        func one(port: Int, _ request: String) async throws -> String {
            try await onThread {
                let socket = try RawSocket(port: port)
                socket.send(request)
                return socket.read(until: request.contains("stream") ? "data: [DONE]\n\n\r\n0\r\n\r\n" : "\"total_tokens\"")
            }.split(separator: "\r\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Date: ") }.joined(separator: "\r\n")
        }
        for request in [Self.request(Self.opening), Self.request(Self.streaming(Self.opening, usage: true))] {
            let fromLane = try await one(port: lane.port, request)
            let fromRouter = try await one(port: router.port, request)
            #expect(fromLane == fromRouter)
        }
        #expect(lane.state.rawLaneAnswers.load(ordering: .relaxed) == 2)
        #expect(try Self.journal(of: lane) == Self.journal(of: router))
        await lane.stop()
        await router.stop()
    }

    @Test("the raw lane reads only whole, plain requests")
    func rawRequestReading() {
        let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
        func head(_ fields: String, target: String = "/v1/chat/completions", length: Int? = nil) -> String {
            "POST \(target) HTTP/1.1\r\n\(fields)Content-Length: \(length ?? body.utf8.count)\r\n\r\n"
        }
        func scan(_ text: String, limit: Int = 4096) -> RawRequest.Scan {
            Array(text.utf8).withUnsafeBytes { RawRequest.scan($0, maxBodyBytes: limit) }
        }
        func read(_ text: String, limit: Int = 4096) -> RawRequest? {
            if case .whole(let request) = scan(text, limit: limit) { request } else { nil }
        }
        func refused(_ text: String, limit: Int = 4096) -> Bool {
            if case .refused = scan(text, limit: limit) { true } else { false }
        }
        let plainHead = head("Host: a\r\nContent-Type: application/json\r\nX-Mock-Conversation: one\r\n")
        let plain = plainHead + body
        let request = read(plain)
        #expect(request?.bodyLength == body.utf8.count)
        #expect(request.map { Array(plain.utf8)[$0.bodyStart...] }.map { String(decoding: $0, as: UTF8.self) } == body)
        #expect(request.flatMap { RawRequest.field("x-mock-conversation", in: $0.fields) } == "one")
        #expect(read(head("Host: a\r\n", target: "/v1/chat/completions?api-version=1") + body) != nil)
        #expect(read(plain + "POST /next") != nil, "bytes after a whole request are left for later")
        #expect(read(head("Host: a\r\nConnection: Keep-Alive\r\n") + body) != nil, "keep-alive, as SDKs send it")

        // Not whole yet: every cut of the request is begun, its head read once the head is whole.
        for cut in 1..<plain.utf8.count {
            let piece = String(decoding: Array(plain.utf8)[..<cut], as: UTF8.self)
            guard case .partial(let headRead) = scan(piece) else {
                Issue.record("cut at \(cut): \(scan(piece))")
                continue
            }
            #expect(headRead == (cut >= plainHead.utf8.count), "cut at \(cut)")
        }
        // Not plain: each goes to the decoder, which answers it as it always has; no cut of one
        // is whole either.
        let refusedRequests = [
            head("Host: a\r\nHost: b\r\n") + body,
            head("") + body,
            head("Host: a\r\nTransfer-Encoding: chunked\r\n") + body,
            head("Host: a\r\nConnection: close\r\n") + body,
            head("Host: a\r\nConnection: keep-alive, upgrade\r\n") + body,
            head("Host: a\r\nExpect: 100-continue\r\n") + body,
            head("Host: a\r\nUpgrade: h2c\r\n") + body,
            head("Host: a\r\nContent-Length: 5\r\n") + body,
            head("Host: a\r\n", length: 5000) + body,
            head("Host: a\r\nX: folded\r\n continued\r\n") + body,
            head("Host: a\r\nX: tab\there\r\n") + body,
            head("Host: a\r\nX: trailing \r\n") + body,
            head("Host : a\r\n") + body,
            head("Host: a\r\n", target: "/v1/chat/completions/") + body,
            head("Host: a\r\n", target: "/v1/responses") + body,
            "POST /v1/chat/completions HTTP/1.0\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}",
            "GET /v1/chat/completions HTTP/1.1\r\nHost: a\r\n\r\n",
            "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello",
            "POST /v1/chat/completions HTTP/1.1\nHost: a\nContent-Length: 2\n\n{}",
        ]
        for text in refusedRequests {
            #expect(refused(text), "\(text.debugDescription)")
            for cut in 1..<text.utf8.count {
                #expect(read(String(decoding: Array(text.utf8)[..<cut], as: UTF8.self)) == nil, "\(text.debugDescription) cut at \(cut)")
            }
        }
        #expect(refused(head("Host: a\r\n", length: 100) + String(repeating: "x", count: 100), limit: 99), "over the body limit")
        // A begun request is bounded: a head that does not end within the limit is refused.
        let endless = "POST /v1/chat/completions HTTP/1.1\r\nHost: a\r\nX-Long: " + String(repeating: "a", count: RawRequest.headLimit)
        #expect(refused(endless))
        #expect(refused("POST /v1/chat/completions?" + String(repeating: "q", count: RawRequest.headLimit)))
        #expect(refused(String(repeating: "P", count: 3)))
    }

    @Test("a request the lane hands on is counted once: attempts 1 to 4 get 429, 500, then the answer twice")
    func handedOnCountsOnce() async throws {
        let body = #"{"model":"mock-gpt","messages":[{"role":"user","content":"Plan the deploy."}]}"#
        let lane = try await Self.start(fastLane: true, scenario: "ch11-flaky")
        let router = try await Self.start(fastLane: false, scenario: "ch11-flaky")
        // One at a time, each after the answer before it, so that the router owes nothing.
        func oneByOne(port: Int) async throws -> [String] {
            try await onThread {
                let socket = try RawSocket(port: port)
                return (0..<4).map { _ in
                    socket.send(Self.request(body))
                    return socket.readResponse().split(separator: "\r\n").filter { !$0.hasPrefix("Date: ") }.joined(separator: "\r\n")
                }
            }
        }
        let fromLane = try await oneByOne(port: lane.port)
        let fromRouter = try await oneByOne(port: router.port)

        #expect(fromLane == fromRouter)
        #expect(fromLane.map { $0.prefix(12) } == ["HTTP/1.1 429", "HTTP/1.1 500", "HTTP/1.1 200", "HTTP/1.1 200"])
        let statuses = lane.state.journal.map(\.status)
        let attempts = lane.state.journal.map(\.attempt)
        #expect(statuses == [429, 500, 200, 200])
        #expect(attempts == [1, 2, 3, 4])
        #expect(try Self.journal(of: lane) == Self.journal(of: router))
        #expect(lane.state.laneAnswers.load(ordering: .relaxed) == 2, "the answers are the lane's, the faults the router's")
        await lane.stop()
        await router.stop()
    }

    @Test("HTTP/1.0 and a body over the limit go to the router, which answers as before")
    func routerCases() async throws {
        var configuration = MockLLMServer.Configuration(maxBodyBytes: 256)
        configuration.fastLane = true
        let server = try await MockLLMServer.start(scenario: .builtIn("echo"), configuration: configuration)
        let port = server.port
        let old = try await onThread {
            let socket = try RawSocket(port: port)
            let body = #"{"model":"m","messages":[{"role":"user","content":"old one"}]}"#
            socket.send("POST /v1/chat/completions HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            return socket.readUntilClosed()
        }
        #expect(old.text.hasPrefix("HTTP/1.0 200") || old.text.hasPrefix("HTTP/1.1 200"), "\(old.text)")
        #expect(old.text.contains("You said: old one"))
        let chunked = try await onThread {
            let socket = try RawSocket(port: port)
            let big = #"{"model":"m","messages":[{"role":"user","content":""# + String(repeating: "x", count: 400) + #""}]}"#
            let chunk = String(big.utf8.count, radix: 16)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n\(chunk)\r\n\(big)\r\n0\r\n\r\n")
            return socket.readUntilClosed()
        }
        #expect(chunked.text.hasPrefix("HTTP/1.1 413"), "\(chunked.text)")
        #expect(server.state.laneAnswers.load(ordering: .relaxed) == 0)
        await server.stop()
    }
}
