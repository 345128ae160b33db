import Foundation
import LabKit
import Testing
@testable import MockLLM

/// Every bound on a connection, over a real socket. Timeouts are tens of milliseconds; a test
/// asserts that the server closed within a generous bound (10 s), never how fast.
@Suite("connection hygiene over a real socket")
struct ConnectionTests {
    static let body = #"{"model":"mock-gpt","messages":[{"role":"user","content":"hello"}]}"#

    static func post(_ body: String = body, headers: String = "Host: 127.0.0.1\r\n", version: String = "1.1") -> String {
        "POST /v1/chat/completions HTTP/\(version)\r\n\(headers)Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    static func start(
        idle: Duration = .seconds(30), header: Duration = .seconds(30), body: Duration = .seconds(30),
        linger: Duration = .seconds(30), maxConnections: Int = 64, maxBodyBytes: Int = 4096
    ) async throws -> MockLLMServer {
        let limits = MockLLMServer.ConnectionLimits(
            idleTimeout: idle, headerTimeout: header, bodyTimeout: body, lingerTimeout: linger, maxConnections: maxConnections
        )
        return try await MockLLMServer.start(scenario: .builtIn("echo"), configuration: .init(maxBodyBytes: maxBodyBytes, connections: limits))
    }

    @Test("an idle connection is closed after the idle timeout, with no answer")
    func idleConnectionCloses() async throws {
        let server = try await Self.start(idle: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread { try RawSocket(port: port).readUntilClosed() }
        #expect(closed)
        #expect(text.isEmpty)
        await server.stop()
    }

    @Test("a kept-alive connection is closed after the idle timeout that follows its answer")
    func keptAliveConnectionCloses() async throws {
        // Long enough that the request arrives first even on a loaded machine (the idle wait
        // starts at accept); the close that follows the answer is what is checked.
        let server = try await Self.start(idle: .seconds(1))
        let port = server.port
        let (answer, rest) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(Self.post())
            return (socket.readResponse(), socket.readUntilClosed())
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"))
        #expect(answer.contains("You said: hello"))
        #expect(rest.closed)
        #expect(rest.text.isEmpty)
        await server.stop()
    }

    @Test("half a request head gets 408 after the header timeout, and the connection closes")
    func slowHeadTimesOut() async throws {
        let server = try await Self.start(header: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 408"), "\(text)")
        #expect(text.contains("request head did not arrive"))
        #expect(closed)
        await server.stop()
    }

    @Test("a body shorter than its Content-Length gets 408 after the body timeout, and the connection closes")
    func slowBodyTimesOut() async throws {
        let server = try await Self.start(body: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"model\":")
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 408"), "\(text)")
        #expect(text.contains("request body did not arrive"))
        #expect(closed)
        #expect(server.requests.isEmpty || server.requests.allSatisfy { $0.status != 200 })
        await server.stop()
    }

    @Test("beyond the connection limit a client waits until a connection closes, then is served")
    func connectionLimit() async throws {
        let server = try await Self.start(maxConnections: 1)
        let port = server.port
        let (first, waiting, second) = try await onThread {
            let holder = try RawSocket(port: port)
            holder.send(Self.post())
            let first = holder.readResponse()
            let queued = try RawSocket(port: port, timeout: .milliseconds(300))
            queued.send(Self.post())
            let waiting = queued.read(until: "\r\n\r\n")
            queued.setTimeout(.seconds(10))
            holder.shutdownWrite()
            _ = holder.readUntilClosed()
            return (first, waiting, queued.readResponse())
        }
        #expect(first.hasPrefix("HTTP/1.1 200"))
        #expect(waiting.isEmpty, "served beyond the limit: \(waiting)")
        #expect(second.contains("HTTP/1.1 200"), "\(second)")
        await server.stop()
    }

    @Test("a Content-Length over the limit gets 413 before the body, and the connection closes though the client does not")
    func oversizedBodyClosesAtOnce() async throws {
        let server = try await Self.start(linger: .milliseconds(50), maxBodyBytes: 1024)
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n" + String(repeating: "x", count: 2000))
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 413"), "\(text)")
        #expect(text.lowercased().contains("connection: close"))
        #expect(text.contains("5000 bytes"))
        #expect(closed)
        await server.stop()
    }

    @Test("a chunked body over the limit gets 413 and the connection closes")
    func oversizedChunkedBodyCloses() async throws {
        let server = try await Self.start(linger: .milliseconds(50), maxBodyBytes: 1024)
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            let chunk = String(repeating: "x", count: 800)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
            socket.send("320\r\n\(chunk)\r\n320\r\n\(chunk)\r\n")
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 413"), "\(text)")
        #expect(closed)
        await server.stop()
    }

    @Test("a chunked body that is not HTTP closes the connection though the client does not", arguments: [
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc",
    ])
    func brokenChunkedBodyCloses(request: String) async throws {
        let server = try await Self.start(body: .milliseconds(200), linger: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(request)
            return socket.readUntilClosed()
        }
        #expect(closed)
        #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 4"), "\(text)")
        await server.stop()
    }

    @Test("a pipelined request without Host, behind one being answered, gets its 400 after that answer")
    func pipelinedRejection() async throws {
        let server = try await Self.start(linger: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(Self.post() + Self.post(headers: ""))
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        #expect(text.contains("HTTP/1.1 400"), "\(text)")
        #expect(text.contains("Host header"))
        #expect(closed)
        await server.stop()
    }

    @Test("a 1 MiB header gets 400 saying the head is too large, and the connection closes")
    func hugeHeaderCloses() async throws {
        let server = try await Self.start(linger: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n")
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 400"), "\(text.prefix(200))")
        #expect(text.contains("request head is larger"))
        #expect(closed)
        await server.stop()
    }

    @Test("after 1,000 rejected requests from clients that never close, the server holds as many sockets as before")
    func rejectedRequestsLeaveNoDescriptor() async throws {
        let server = try await Self.start(linger: .milliseconds(50), maxConnections: 2000, maxBodyBytes: 1024)
        let port = server.port
        let before = serverSocketCount(port: port)
        // The clients keep their sockets open (no close, no shutdown) until the server has let go.
        let (statuses, after) = try await onThread {
            var sockets: [RawSocket] = []
            for index in 0..<1000 {
                let socket = try RawSocket(port: port)
                switch index % 4 {
                case 0: socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n")
                case 1: socket.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n")
                case 2: socket.send(Self.post(headers: ""))
                default: socket.send("\u{0}\u{1}garbage\r\n\r\n")
                }
                sockets.append(socket)
            }
            var statuses: [String: Int] = [:]
            for socket in sockets {
                let (text, closed) = socket.readUntilClosed()
                statuses[String(text.prefix(12)) + (closed ? " closed" : " open"), default: 0] += 1
            }
            // The server lets go of a rejected connection when its linger timeout ends, on NIO's
            // own clock (a socket timeout cannot take the injected one): poll the kernel's count
            // for up to 10 s. This waits for the server; it asserts nothing about speed.
            var after = serverSocketCount(port: port)
            for _ in 0..<100 where after != before {
                Thread.sleep(forTimeInterval: 0.1)
                after = serverSocketCount(port: port)
            }
            return (statuses, after)
        }
        #expect(statuses == ["HTTP/1.1 413 closed": 250, "HTTP/1.1 400 closed": 750], "\(statuses)")
        #expect(after == before, "server sockets: \(before) before, \(after) after")
        await server.stop()
    }

    @Test("Expect: 100-continue gets 100 before the body, then the answer")
    func expectContinue() async throws {
        let server = try await Self.start()
        let port = server.port
        let (interim, answer) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: \(Self.body.utf8.count)\r\n\r\n")
            let interim = socket.read(until: "\r\n\r\n")
            socket.send(Self.body)
            return (interim, socket.readResponse())
        }
        #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        #expect(answer.contains("You said: hello"))
        await server.stop()
    }

    @Test("Expect: 100-continue with a body over the limit gets 413 before the body, and the connection closes")
    func expectContinueTooLarge() async throws {
        let server = try await Self.start(linger: .milliseconds(50), maxBodyBytes: 1024)
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2048\r\n\r\n")
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 413"), "\(text)")
        #expect(!text.contains("100 Continue"))
        #expect(closed)
        await server.stop()
    }

    @Test("HTTP/1.1 without Host is a 400 that closes; HTTP/1.0 without Host is served")
    func hostRequired() async throws {
        let server = try await Self.start(linger: .milliseconds(50))
        let port = server.port
        let (missing, closed, old) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(Self.post(headers: ""))
            let (text, closed) = socket.readUntilClosed()
            let legacy = try RawSocket(port: port)
            legacy.send(Self.post(headers: "", version: "1.0"))
            return (text, closed, legacy.readResponse())
        }
        #expect(missing.hasPrefix("HTTP/1.1 400"), "\(missing)")
        #expect(missing.contains("Host header"))
        #expect(closed)
        #expect(old.contains(" 200 OK"), "\(old)")
        await server.stop()
    }

    @Test("Connection: close gets its answer, then the server closes though the client does not")
    func connectionCloseIsHonoured() async throws {
        let server = try await Self.start(linger: .milliseconds(50))
        let port = server.port
        let (text, closed) = try await onThread {
            let socket = try RawSocket(port: port)
            socket.send(Self.post(headers: "Host: x\r\nConnection: close\r\n"))
            return socket.readUntilClosed()
        }
        #expect(text.hasPrefix("HTTP/1.1 200"), "\(text)")
        #expect(text.contains("You said: hello"))
        #expect(closed)
        await server.stop()
    }
}
