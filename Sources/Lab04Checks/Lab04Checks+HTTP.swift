import Foundation
import LabChecks
import LabKit
import MockLLM

extension Lab04Checks {
    static let http: [Check<Lab04Exercises>] = [
        Check(
            id: "lab04.http.disk-story-over-the-wire",
            title: "Over HTTP, the mock model gets both tools in every request, each result under the id it issued, and answers",
            points: 3,
            hint: "Exercise 1 through OpenAIClient: if the lab04.loop checks pass, compare the journal in the message "
                + "with what they expect.",
            timeLimit: .seconds(20)
        ) { exercises, _ in
            let disk = Disk()
            let (run, requests, responses) = try await overHTTP(scenario: "lab04-autonomy") { model in
                try await exercises.runAgentLoop(storyStart, model, disk.tools(), 10)
            }
            try expect(requests.count, equals: 4, "requests in the server's journal")
            for (index, request) in requests.enumerated() {
                try expect(request.tools?.map(\.name) ?? [], equals: ["check_disk", "clean_logs"], "the tools offered in request \(index + 1)")
            }
            let issued = responses.compactMap { $0.message?.toolCalls?.first?.id }
            try expect(issued.count, equals: 3, "tool calls the server issued")
            try expectRoles(requests[3].messages, ["system", "user"] + issued.flatMap { ["assistant(tool_calls: \($0))", "tool(\($0))"] },
                            "last request's messages")
            try expect(disk.effects.all, equals: ["check_disk", "clean_logs", "check_disk"], "the tools that ran")
            try expect(run.answer.contains(healthyDisk), "expected the answer to report \(show(healthyDisk)), got \(show(run.answer))")
        },
        Check(
            id: "lab04.http.runaway-stopped",
            title: "Over HTTP, a model that never stops calling tools gets exactly maxSteps requests",
            points: 2,
            hint: "Exercise 1's step limit: the server's journal shows how many times your loop called it.",
            timeLimit: .seconds(20)
        ) { exercises, _ in
            let disk = Disk()
            let watching: [ChatMessage] = [.system(fixturePrompt), .user("Keep watching the disk and tell me when it is safe.")]
            let result = try await overHTTP(scenario: "lab04-autonomy", limit: 30) { model in
                do {
                    _ = try await exercises.runAgentLoop(watching, model, disk.tools(), 4)
                    return nil as (any Error)?
                } catch LabError.notImplemented(let function) {
                    throw LabError.notImplemented(function)
                } catch {
                    return error
                }
            }
            let (error, requests, _) = result
            if requests.count > 4 {
                throw CheckFailure("expected 4 requests with maxSteps 4, but the server received \(requests.count): "
                    + "the loop never stops by itself. Count the model calls and stop at the limit")
            }
            try expect(thrown: error, equals: AgentError.stepLimitReached(maxSteps: 4), "the error")
            try expect(requests.count, equals: 4, "requests in the server's journal")
            let roles = requests[3].messages.map(\.role.rawValue)
            try expect(roles, equals: ["system", "user", "assistant", "tool", "assistant", "tool", "assistant", "tool"], "the roles of the last request")
        },
    ]

    /// Runs `body` against the embedded mock server (a built-in scenario, strict), through
    /// `OpenAIClient`, and returns its value, the requests in the server's journal, and the
    /// answers it gave. After `limit` requests the model fails the check, so that a loop that
    /// never stops ends.
    static func overHTTP<Value: Sendable>(
        scenario: String, limit: Int = 20,
        _ body: @Sendable (any ChatModel) async throws -> Value
    ) async throws -> (Value, [ChatCompletionRequest], [ChatCompletionResponse]) {
        let server: MockLLMServer
        do {
            var configuration = MockLLMServer.Configuration()
            configuration.logger.logLevel = .critical
            server = try await MockLLMServer.start(scenario: .builtIn(scenario), seed: 0, strict: true, configuration: configuration)
        } catch {
            throw KitFailure(step: "start the mock LLM server", underlying: error)
        }
        let recording = RecordingModel(OpenAIClient(baseURL: server.baseURL, model: "mock-gpt", timeout: .seconds(15)))
        let capped = CappedModel(base: recording, limit: limit, calls: Recorder())
        let result: Result<Value, any Error>
        do {
            result = .success(try await body(capped))
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
            return (value, requests, recording.responses)
        case .failure(LabError.notImplemented(let function)):
            throw LabError.notImplemented(function)
        case .failure(let error as CheckFailure):
            throw error
        case .failure(let error):
            let sent = requests.map { describe($0.messages) }.joined(separator: "; ")
            throw CheckFailure("the run over HTTP ended with \(describe(error)); the server received: \(sent.isEmpty ? "nothing" : sent)")
        }
    }
}

/// A model that fails the check once it has been called more than `limit` times.
struct CappedModel: ChatModel {
    let base: any ChatModel
    let limit: Int
    let calls: Recorder<Int>

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        let call = calls.append(1)
        guard call <= limit else {
            throw CheckFailure("the model was called \(call) times, more than the \(limit) the check allows: "
                + "the loop never stops by itself. Count the model calls and stop at the limit")
        }
        return try await base.complete(request)
    }
}
