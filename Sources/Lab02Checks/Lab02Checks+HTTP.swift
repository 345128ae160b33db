import Foundation
import LabChecks
import LabKit
import MockLLM

extension Lab02Checks {
    static let http: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.http.exchange-over-the-wire",
            title: "Over HTTP, the mock model gets your tool, then the call's result under its own tool_call_id, and answers",
            points: 3,
            hint: "Exercises 1 and 5 together, through OpenAIClient: if the in-process lab02.exchange checks pass, "
                + "compare the journal below with what they expect.",
            timeLimit: .seconds(20)
        ) { exercises, _ in
            let tool = try exercises.serverStatusTool()
            let runs = Recorder<String>()
            let (exchange, requests, responses) = try await overHTTP { model in
                try await exercises.answerQuestion(storyQuestion, model, statusRegistry(tool, runs: runs), singleAttempt)
            }
            try expect(requests.count, equals: 2, "requests in the server's journal")
            try expect(requests[0].tools?.map(\.name) ?? [], equals: ["get_server_status"], "the tools offered in the first request")
            try expect(requests[0].tools?.first?.function.parameters?["required"]?.arrayValue?.compactMap(\.stringValue),
                       equals: ["ip"], "the required parameters sent")
            let issued = responses.first?.message?.toolCalls?.map(\.id) ?? []
            try expect(issued.count, equals: 1, "tool calls the server issued")
            try expectRoles(requests[1].messages, ["user", "assistant(tool_calls: \(issued[0]))", "tool(\(issued[0]))"])
            try expect(runs.all, equals: [#"{"ip":"192.168.1.10"}"#], "the arguments the tool ran on")
            try expect(exchange.answer, equals: "Server 192.168.1.10: ONLINE (Load: 0.5)", "the answer")
        },
        Check(
            id: "lab02.http.error-over-the-wire",
            title: "Over HTTP, a failing tool's error reaches the model as a tool message, and the model still answers",
            points: 2,
            hint: "Exercises 3 to 5: the error tool message must go out in the second request like any result.",
            timeLimit: .seconds(20)
        ) { exercises, _ in
            let registry = statusRegistry { _ in throw ToolFailure(reason: "host unreachable") }
            let (exchange, requests, responses) = try await overHTTP { model in
                try await exercises.answerQuestion(storyQuestion, model, registry, singleAttempt)
            }
            try expect(requests.count, equals: 2, "requests in the server's journal")
            let issued = responses.first?.message?.toolCalls?.map(\.id) ?? []
            try expect(issued.count, equals: 1, "tool calls the server issued")
            try expectRoles(requests[1].messages, ["user", "assistant(tool_calls: \(issued[0]))", "tool(\(issued[0]))"])
            try expectErrorMessage(requests[1].messages[2], answering: issued[0], containing: "host unreachable")
            try expect(exchange.answer.lowercased().hasPrefix("server 192.168.1.10: error"),
                       "expected the model's answer to quote the error, got \(show(exchange.answer))")
        },
    ]

    /// Runs `body` against the embedded mock server (scenario lab02-tools, strict), through
    /// `OpenAIClient`, and returns its value, the requests the server's journal holds, and the
    /// answers the server gave.
    static func overHTTP<Value: Sendable>(
        _ body: @Sendable (any ChatModel) async throws -> Value
    ) async throws -> (Value, [ChatCompletionRequest], [ChatCompletionResponse]) {
        let server: MockLLMServer
        do {
            var configuration = MockLLMServer.Configuration()
            configuration.logger.logLevel = .critical
            server = try await MockLLMServer.start(scenario: .builtIn("lab02-tools"), seed: 0, strict: true, configuration: configuration)
        } catch {
            throw KitFailure(step: "start the mock LLM server", underlying: error)
        }
        let model = RecordingModel(OpenAIClient(baseURL: server.baseURL, model: "mock-gpt", timeout: .seconds(15)))
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(model))
        } catch {
            result = .failure(error)
        }
        let journal = server.requests
        await server.stop()
        let requests = try kit("read the server's request journal") {
            try journal.map { try ChatWire.decode(ChatCompletionRequest.self, from: Data($0.body.utf8)) }
        }
        switch result {
        case .success(let value):
            return (value, requests, model.responses)
        case .failure(LabError.notImplemented(let function)):
            throw LabError.notImplemented(function)
        case .failure(let error):
            let sent = requests.map { describe($0.messages) }.joined(separator: "; ")
            throw CheckFailure("the exchange over HTTP ended with \(describe(error)); the server received: \(sent.isEmpty ? "nothing" : sent)")
        }
    }
}
