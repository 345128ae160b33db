import Foundation
import LabKit

/// A ``ChatModel`` that follows a scenario in-process, with no HTTP and no port: the same rules,
/// attempts, identifiers and faults as ``MockLLMServer``, for checks and tests that want speed.
///
/// Faults become the errors ``OpenAIClient`` would throw: an `error` fault is
/// ``LLMError/http(status:message:type:code:retryAfter:)``; `drop`, `truncate` and `hang` (after
/// its time on the clock) are ``LLMError/connection(_:)``; `malformed` is
/// ``LLMError/invalidResponse(_:)``.
///
/// ```swift
/// let model = try ScenarioModel(scenario: .builtIn("ch11-flaky"))
/// do { _ = try await model.complete(request) } catch let error as LLMError { error.status }  // 429
/// ```
public final class ScenarioModel: ChatModel {
    private let state: MockState
    private let clock: any Clock<Duration>

    /// Creates a model that follows `scenario`.
    ///
    /// - Parameters:
    ///   - scenario: the script.
    ///   - seed: seeds identifiers and chaos draws.
    ///   - strict: when no rule matches, throw a 400 naming the nearest rule.
    ///   - clock: the clock delays and hangs wait on.
    /// - Throws: ``MockLLMError`` when the scenario does not load.
    public init(scenario: ScenarioSource, seed: UInt64 = 0, strict: Bool = false, clock: any Clock<Duration> = ContinuousClock()) throws {
        self.state = try MockState(scenario: scenario, configuration: MockLLMServer.Configuration(seed: seed, strict: strict))
        self.clock = clock
    }

    /// The requests answered so far, oldest first.
    public var requests: [JournalEntry] { state.journal }

    /// Forgets attempt counts and the journal.
    public func reset() {
        state.reset()
    }

    public func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var request = request
        request.stream = nil
        request.streamOptions = nil
        let bytes = try ChatWire.encode(request)
        let turn = Turn.take(request, bytes: bytes, label: nil, state: state)
        let plan = ResponsePlan(decision: turn.decision, request: request, identity: turn.identity)
        state.record(
            method: "POST", path: "/v1/chat/completions", body: String(decoding: bytes, as: UTF8.self),
            rule: turn.decision.rule, attempt: turn.attempt, status: plan.status, outcome: plan.outcome,
            facts: AttemptFacts(turn: turn, plan: plan)
        )
        if let delay = turn.decision.delay {
            try await clock.sleep(for: delay)
        }
        switch turn.decision.action {
        case .answer(let answer):
            return CompletionRenderer(identity: turn.identity, request: request, answer: answer).completion(answer)
        case .noMatch(let explanation):
            let body = ScenarioEngine.noMatchBody(explanation).error
            throw LLMError.http(status: 400, message: body.message, type: body.type, code: body.code, retryAfter: nil)
        case .fault(let fault):
            switch fault.kind {
            case .error:
                let body = fault.errorBody.error
                throw LLMError.http(status: fault.effectiveStatus, message: body.message, type: body.type, code: body.code, retryAfter: fault.retryDelay)
            case .hang:
                try await clock.sleep(for: fault.ms.map { .milliseconds($0) } ?? ResponsePlan.defaultHang)
                throw LLMError.connection("the model hung and the connection closed (mock fault)")
            case .drop:
                throw LLMError.connection("the connection dropped (mock fault)")
            case .truncate:
                throw LLMError.connection("the answer was cut short (mock fault)")
            case .malformed:
                throw LLMError.invalidResponse("the answer is not JSON (mock fault)")
            }
        }
    }
}
