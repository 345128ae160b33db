import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
@testable import MockLLM

/// An in-process mock server: the router and the state behind it, driven with HummingbirdTesting.
struct MockHarness {
    let state: MockState
    let application: Application<RouterResponder<MockRequestContext>>

    init(
        _ scenario: ScenarioSource = .builtIn("lab04-autonomy"),
        seed: UInt64 = 0,
        strict: Bool = false,
        clock: any Clock<Duration> = ManualClock(),
        maxBodyBytes: Int = 4 << 20
    ) throws {
        let configuration = MockLLMServer.Configuration(seed: seed, strict: strict, maxBodyBytes: maxBodyBytes, clock: clock)
        state = try MockState(scenario: scenario, configuration: configuration)
        application = Application(router: MockLLMServer.buildRouter(state: state, configuration: configuration))
    }

    func test<Value: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        try await application.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Posts a chat request and returns the response.
    func chat(_ request: ChatCompletionRequest, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await chat(raw: ChatWire.encode(request), headers: headers)
    }

    /// Posts raw bytes to the chat endpoint.
    func chat(raw: Data, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: "/v1/chat/completions", method: .post, headers: headers, body: ByteBuffer(bytes: raw))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var data: Data { Data(body.readableBytesView) }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try ChatWire.decode(type, from: data)
    }

    /// The `data:` payloads of a server-sent event stream.
    var events: [String] {
        text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { String($0.dropFirst("data: ".count)) }
    }
}

/// Requests shaped like the labs'.
enum Requests {
    static let diskTools = [
        ToolDefinition(name: "check_disk", description: "Reports disk usage.", parameters: ["type": "object", "properties": [:]]),
        ToolDefinition(name: "clean_logs", description: "Deletes old logs.", parameters: ["type": "object", "properties": [:]]),
    ]

    static func lab04(_ messages: [ChatMessage] = [], stream: Bool? = nil, includeUsage: Bool? = nil) -> ChatCompletionRequest {
        ChatCompletionRequest(
            model: "gpt-4o-mini",
            messages: [.system("You are an autonomous SRE agent."), .user("I'm out of disk space. Fix it.")] + messages,
            tools: diskTools,
            stream: stream,
            streamOptions: includeUsage.map { .init(includeUsage: $0) }
        )
    }

    static func user(_ text: String, model: String = "mock-gpt") -> ChatCompletionRequest {
        ChatCompletionRequest(model: model, messages: [.user(text)])
    }
}
