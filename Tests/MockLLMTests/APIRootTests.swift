import Testing
@testable import MockLLM

@Suite("the API root")
struct APIRootTests {
    @Test("an IPv4 host or a name stays as it is; an IPv6 host goes in brackets", arguments: [
        ("127.0.0.1", "http://127.0.0.1:8080/v1"),
        ("localhost", "http://localhost:8080/v1"),
        ("::1", "http://[::1]:8080/v1"),
        ("fe80::1", "http://[fe80::1]:8080/v1"),
    ])
    func apiRoot(host: String, expected: String) {
        #expect(MockLLMServer.apiRoot(host: host, port: 8080)?.absoluteString == expected)
    }

    @Test("a server started on ::1 reports a bracketed URL that answers")
    func ipv6Server() async throws {
        guard let server = try? await MockLLMServer.start(scenario: .builtIn("echo"), configuration: .init(host: "::1")) else {
            return  // no IPv6 loopback on this machine
        }
        #expect(server.baseURL.absoluteString == "http://[::1]:\(server.port)/v1")
        await server.stop()
    }
}
