import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client for tests that must see the wire itself: half requests, missing
/// headers, whether the server closed. Every call is bounded by the socket's timeout.
final class RawSocket {
    private let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Connects to 127.0.0.1:`port`; reads and writes give up after `timeout`.
    init(port: Int, timeout: Duration = .seconds(10)) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        setTimeout(timeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(descriptor)
            throw Failure(description: "connect: errno \(errno)")
        }
    }

    deinit { Glibc.close(descriptor) }

    /// Bounds every later read and write by `timeout`.
    func setTimeout(_ timeout: Duration) {
        var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Sends every byte; returns `false` when the server closed or reset the connection first.
    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Tells the server that the client has no more to send.
    func shutdownWrite() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads until the server closes (or resets) the connection, or the timeout passes.
    func readUntilClosed() -> (text: String, closed: Bool) {
        var received: [UInt8] = []
        while true {
            switch readSome() {
            case .bytes(let bytes): received += bytes
            case .closed: return (String(decoding: received, as: UTF8.self), true)
            case .timedOut: return (String(decoding: received, as: UTF8.self), false)
            }
        }
    }

    /// Reads until the text received contains `marker` (and then `extra` more bytes), the server
    /// closes, or the timeout passes.
    func read(until marker: String) -> String {
        var received: [UInt8] = []
        while !String(decoding: received, as: UTF8.self).contains(marker) {
            guard case .bytes(let bytes) = readSome() else { break }
            received += bytes
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Reads one whole response with a `Content-Length` body.
    func readResponse() -> String {
        var text = read(until: "\r\n\r\n")
        guard let headEnd = text.range(of: "\r\n\r\n"),
            let lengthLine = text[..<headEnd.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
        else { return text }
        while text.utf8.count - text[..<headEnd.upperBound].utf8.count < length {
            guard case .bytes(let bytes) = readSome() else { break }
            text += String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    private enum Read { case bytes([UInt8]), closed, timedOut }

    private func readSome() -> Read {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 { return .bytes(Array(buffer[..<count])) }
        if count == 0 { return .closed }
        return errno == EAGAIN || errno == EWOULDBLOCK ? .timedOut : .closed
    }
}

/// Runs blocking work on a thread of its own, so that it never holds a thread of the concurrency
/// pool that the server in the same process needs.
func onThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// The sockets this process holds on the server side of `port` (accepted connections, not the
/// listener and not clients), read from /proc.
func serverSocketCount(port: Int) -> Int {
    var inodes = Set<String>()
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, let local = fields[1].split(separator: ":").last, Int(local, radix: 16) == port,
                fields[3] != "0A", fields[9] != "0"
            else { continue }
            inodes.insert(String(fields[9]))
        }
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return entries.count { entry in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)") else { return false }
        return target.hasPrefix("socket:[") && inodes.contains(String(target.dropFirst(8).dropLast()))
    }
}
