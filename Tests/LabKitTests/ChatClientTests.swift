import Foundation
import Testing
@testable import LabKit

@Suite("LLMError and OpenAIClient configuration")
struct ChatClientTests {
    @Test("retry makes sense for 408, 409, 429, 5xx and connection errors, not for other 4xx", arguments: [
        (400, false), (401, false), (403, false), (404, false), (408, true), (409, true), (413, false),
        (422, false), (429, true), (500, true), (502, true), (503, true), (504, true),
    ])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(LLMError.http(status: status, message: "", type: nil, code: nil, retryAfter: nil).isRetryable == retryable)
    }

    @Test("connection errors are retryable; bad responses and configuration are not")
    func retryableKinds() {
        #expect(LLMError.connection("reset").isRetryable)
        #expect(!LLMError.invalidResponse("x").isRetryable)
        #expect(!LLMError.configuration("x").isRetryable)
    }

    @Test("retry-after-ms wins over Retry-After; seconds are read; dates and junk are ignored")
    func retryAfterHeaders() {
        #expect(LLMError.retryAfter(from: { ["retry-after-ms": "50", "retry-after": "3"][$0] }) == .milliseconds(50))
        #expect(LLMError.retryAfter(from: { ["retry-after": " 2 "][$0] }) == .seconds(2))
        #expect(LLMError.retryAfter(from: { ["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"][$0] }) == nil)
        #expect(LLMError.retryAfter(from: { _ in nil }) == nil)
    }

    @Test("an error answer becomes LLMError with the server's message, type, code and Retry-After")
    func errorFromBody() {
        let body = Data(#"{"error": {"message": "slow down", "type": "rate_limit_error", "param": null, "code": "rate_limit_exceeded"}}"#.utf8)
        let error = OpenAIClient.error(status: 429, body: body) { $0 == "retry-after" ? "1" : nil }
        #expect(error == .http(status: 429, message: "slow down", type: "rate_limit_error", code: "rate_limit_exceeded", retryAfter: .seconds(1)))
        #expect(error.description == "HTTP 429 rate_limit_error: slow down (retry after 1.0 seconds)")
        let plain = OpenAIClient.error(status: 502, body: Data("Bad Gateway".utf8)) { _ in nil }
        #expect(plain == .http(status: 502, message: "Bad Gateway", type: nil, code: nil, retryAfter: nil))
    }

    @Test("fromEnvironment reads OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL")
    func fromEnvironment() throws {
        let client = try OpenAIClient.fromEnvironment([
            "OPENAI_BASE_URL": "http://localhost:9000/v1", "OPENAI_API_KEY": "k", "OPENAI_MODEL": "small",
        ])
        #expect(client.baseURL.absoluteString == "http://localhost:9000/v1")
        #expect(client.apiKey == "k")
        #expect(client.model == "small")
        let fallback = try OpenAIClient.fromEnvironment([:], defaultBaseURL: URL(string: "http://127.0.0.1:1/v1"))
        #expect(fallback.model == OpenAIClient.defaultModel)
        #expect(fallback.apiKey == nil)
    }

    @Test("fromEnvironment refuses a missing or non-HTTP base URL")
    func fromEnvironmentRefuses() {
        #expect(throws: LLMError.configuration("OPENAI_BASE_URL is not set")) { try OpenAIClient.fromEnvironment([:]) }
        #expect(throws: LLMError.self) { try OpenAIClient.fromEnvironment(["OPENAI_BASE_URL": "ftp://x"]) }
    }

    @Test("a refused connection is a retryable connection error")
    func refusedConnection() async throws {
        // Port 1 on loopback: nothing listens there.
        let client = OpenAIClient(baseURL: URL(string: "http://127.0.0.1:1/v1")!, timeout: .seconds(5))
        do {
            _ = try await client.complete(ChatCompletionRequest(model: "m", messages: [.user("hi")]))
            Issue.record("expected an error")
        } catch let error as LLMError {
            #expect(error.isRetryable)
        }
    }
}
