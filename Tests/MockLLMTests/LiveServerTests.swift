import Foundation
import LabKit
import Testing
@testable import MockLLM

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("embedded server over a real port")
struct LiveServerTests {
    @Test("start on 127.0.0.1 port 0, run the lab 04 loop through OpenAIClient, stop")
    func lab04OverHTTP() async throws {
        let server = try await MockLLMServer.start(scenario: .builtIn("lab04-autonomy"), seed: 0, strict: true)
        #expect(server.port > 0)
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)/v1")
        let client = OpenAIClient(baseURL: server.baseURL, apiKey: "unused", model: "mock-gpt")
        var messages: [ChatMessage] = [.user("I'm out of disk space. Fix it.")]
        let results = ["Disk Usage: 95% (CRITICAL). Large folder: /var/log", "Logs cleaned. Freed 20GB.", "Disk Usage: 35%"]
        var calls: [String] = []
        for result in results {
            let request = ChatCompletionRequest(model: "", messages: messages, tools: Requests.diskTools)
            let message = try #require(try await client.complete(request).message)
            let call = try #require(message.toolCalls?.first)
            calls.append(call.function.name)
            messages += [message, .tool(result, callID: call.id)]
        }
        let final = try await client.complete(ChatCompletionRequest(model: "", messages: messages, tools: Requests.diskTools))
        #expect(calls == ["check_disk", "clean_logs", "check_disk"])
        #expect(final.choices.first?.finishReason == .stop)
        #expect(server.requests.count == 4)
        #expect(server.requests.allSatisfy { $0.body.contains(#""model":"mock-gpt""#) })
        await server.stop()
    }

    @Test("OpenAIClient turns a 429 into a retryable LLMError with the message and Retry-After, and a 400 into a final one")
    func clientErrors() async throws {
        let server = try await MockLLMServer.start(scenario: .builtIn("conformance"))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt")
        await #expect(throws: LLMError.http(
            status: 429,
            message: Fault.defaultMessage(for: 429),
            type: "rate_limit_error",
            code: "rate_limit_exceeded",
            retryAfter: .milliseconds(50)
        )) {
            _ = try await client.complete(Requests.user("rate limit me"))
        }
        do {
            _ = try await client.complete(Requests.user("bad request please"))
            Issue.record("expected an error")
        } catch let error as LLMError {
            #expect(error.status == 400)
            #expect(!error.isRetryable)
            #expect("\(error)".contains("Invalid value for 'temperature'"))
        }
        await server.stop()
    }

    @Test("a dropped connection reaches OpenAIClient as a retryable connection error")
    func droppedConnection() async throws {
        let server = try await MockLLMServer.start(scenario: .builtIn("conformance"))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt")
        do {
            _ = try await client.complete(Requests.user("drop the line"))
            Issue.record("expected an error")
        } catch let error as LLMError {
            guard case .connection = error else {
                Issue.record("expected a connection error, got \(error)")
                return
            }
            #expect(error.isRetryable)
        }
        let second = try await client.complete(Requests.user("drop the line"))
        #expect(second.message?.content == "Recovered after a dropped connection.")
        await server.stop()
    }

    @Test("a second server on a busy port fails to start with a clear error")
    func busyPort() async throws {
        let first = try await MockLLMServer.start(scenario: .builtIn("echo"))
        await #expect(throws: MockLLMError.self) {
            _ = try await MockLLMServer.start(scenario: .builtIn("echo"), configuration: .init(port: first.port))
        }
        await first.stop()
    }

    @Test("stop ends a request that hangs, and the client sees a connection error")
    func stopEndsHang() async throws {
        let clock = ManualClock(mode: .manual)
        let scenario = Scenario(name: "hang", rules: [Rule(name: "hang", reply: .fault(Fault(kind: .hang)))])
        let server = try await MockLLMServer.start(scenario: .scenario(scenario), configuration: .init(clock: clock))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt", timeout: .seconds(30))
        async let outcome: LLMError? = {
            do {
                _ = try await client.complete(Requests.user("hello?"))
                return nil
            } catch {
                return error as? LLMError
            }
        }()
        try await clock.waitForSleepers(1)
        await server.stop()
        let error = try #require(await outcome)
        #expect(error.isRetryable)
        #expect(error.status == nil)
    }

    @Test("every built-in scenario starts a server that answers its health check")
    func builtInsServe() async throws {
        for name in ScenarioSource.builtInNames {
            let server = try await MockLLMServer.start(scenario: .builtIn(name))
            var request = URLRequest(url: server.baseURL.deletingLastPathComponent().appendingPathComponent("health"))
            request.timeoutInterval = 5
            let (data, _) = try await URLSession.shared.data(for: request)
            #expect(String(decoding: data, as: UTF8.self).contains(#""scenario":"\#(name)""#))
            await server.stop()
        }
    }

    @Test("a malformed answer reaches OpenAIClient as a non-retryable invalid response")
    func malformedAnswer() async throws {
        let scenario = Scenario(name: "m", rules: [Rule(name: "m", reply: .fault(Fault(kind: .malformed)))])
        let server = try await MockLLMServer.start(scenario: .scenario(scenario))
        let client = OpenAIClient(baseURL: server.baseURL, model: "mock-gpt")
        do {
            _ = try await client.complete(Requests.user("hi"))
            Issue.record("expected an error")
        } catch let error as LLMError {
            guard case .invalidResponse = error else {
                Issue.record("expected an invalid response, got \(error)")
                return
            }
            #expect(!error.isRetryable)
        }
        await server.stop()
    }
}
