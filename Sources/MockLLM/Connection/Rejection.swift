import Foundation
import LabKit
import NIOCore
import NIOHTTP1

/// An answer the connection guard writes itself, before or instead of the router: a status and
/// an OpenAI error body, always with `Connection: close`.
struct Rejection: Sendable, Hashable {
    let status: HTTPResponseStatus
    let message: String
    let code: String

    /// A head that is not HTTP (or too large for the server's limits).
    static func unparsable(_ error: HTTPParserError) -> Rejection {
        switch error {
        case .headerOverflow:
            Rejection(status: .badRequest, message: "The request head is larger than the server accepts (80 KiB).", code: "header_too_large")
        case .invalidEOFState:
            Rejection(status: .badRequest, message: "The connection closed before the request was complete.", code: "incomplete_request")
        default:
            Rejection(status: .badRequest, message: "The request is not valid HTTP/1.1 (\(error)).", code: "invalid_http")
        }
    }

    static let missingHost = Rejection(
        status: .badRequest, message: "An HTTP/1.1 request must carry exactly one Host header.", code: "missing_host"
    )

    static func bodyTooLarge(_ length: Int, limit: Int) -> Rejection {
        Rejection(
            status: .payloadTooLarge,
            message: "The request body (\(length) bytes) is larger than the server accepts (\(limit) bytes).",
            code: "request_too_large"
        )
    }

    static func unknownExpectation(_ value: String) -> Rejection {
        Rejection(status: .expectationFailed, message: "The server meets no expectation but 100-continue, not \"\(value)\".", code: "expectation_failed")
    }

    static func timedOut(_ wait: ConnectionState.Wait, after limit: Duration) -> Rejection {
        let what = wait == .head ? "request head" : "request body"
        return Rejection(status: .requestTimeout, message: "The \(what) did not arrive within \(limit).", code: "request_timeout")
    }

    /// The head and the body to write.
    func parts(version: HTTPVersion) -> (HTTPResponseHead, ByteBuffer) {
        let body = OpenAIErrorBody(message: message, type: Fault.defaultType(for: Int(status.code)), code: code)
        let data = (try? ChatWire.encode(body)) ?? Data(#"{"error":{"code":null,"message":"rejected","param":null,"type":"invalid_request_error"}}"#.utf8)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(data.count))
        headers.add(name: "Connection", value: "close")
        return (HTTPResponseHead(version: version, status: status, headers: headers), ByteBuffer(bytes: data))
    }
}
