import Foundation

extension MockLLMServer {
    /// The API root clients use for a host and port, `http://127.0.0.1:8080/v1`; an IPv6 host is
    /// put in brackets, `http://[::1]:8080/v1`.
    static func apiRoot(host: String, port: Int) -> URL? {
        let authority = host.contains(":") ? "[\(host)]" : host
        return URL(string: "http://\(authority):\(port)/v1")
    }
}
