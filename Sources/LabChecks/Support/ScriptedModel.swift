import LabKit
import Synchronization

/// A ``ChatModel`` for checks: answers from a script, one reply per call, and records every
/// request it was sent.
///
/// A reply can take time on a clock (to see a wall-time limit), carry token usage (to see a
/// token budget), or be an error. A model asked more often than its script allows ends the
/// run with a ``CheckFailure`` that says so, so that a loop that never stops is reported as
/// such rather than as a hang.
///
/// ```swift
/// let model = ScriptedModel([
///     .toolCalls([ToolCall(id: "call_1", name: "check_disk", arguments: "{}")]),
///     .text("Done."),
/// ])
/// _ = try await model.complete(request)
/// model.requests.count  // 1
/// ```
public final class ScriptedModel: ChatModel {
    /// One scripted answer.
    public struct Reply: Sendable {
        /// The assistant message, or the error the call throws.
        public var outcome: Result<ChatMessage, LLMError>
        /// The token counts the answer reports.
        public var usage: Usage?
        /// How long the answer takes on the model's clock.
        public var latency: Duration

        public init(_ outcome: Result<ChatMessage, LLMError>, usage: Usage? = nil, latency: Duration = .zero) {
            self.outcome = outcome
            self.usage = usage
            self.latency = latency
        }

        /// An answer in text.
        public static func text(_ text: String, usage: Usage? = nil, latency: Duration = .zero) -> Reply {
            Reply(.success(.assistant(text)), usage: usage, latency: latency)
        }

        /// An answer that calls tools.
        public static func toolCalls(_ calls: [ToolCall], usage: Usage? = nil, latency: Duration = .zero) -> Reply {
            Reply(.success(.assistant(toolCalls: calls)), usage: usage, latency: latency)
        }

        /// A call that fails.
        public static func failure(_ error: LLMError) -> Reply {
            Reply(.failure(error))
        }
    }

    private struct State {
        var requests: [ChatCompletionRequest] = []
    }

    private let script: [Reply]
    private let after: (@Sendable (Int) -> Reply)?
    private let limit: Int
    private let clock: (any Clock<Duration>)?
    private let state = Mutex(State())

    /// A model that answers `script` in order and then refuses further calls.
    /// - Parameters:
    ///   - script: The replies, one per call.
    ///   - clock: Where latencies pass; required when a reply has one.
    public init(_ script: [Reply], clock: (any Clock<Duration>)? = nil) {
        self.script = script
        self.after = nil
        self.limit = script.count
        self.clock = clock
    }

    /// A model that answers `script` in order, then `after(n)` for the n-th call beyond it (1
    /// first), up to `limit` calls in all; a call past `limit` fails the check.
    public init(_ script: [Reply], then after: @escaping @Sendable (Int) -> Reply, limit: Int, clock: (any Clock<Duration>)? = nil) {
        self.script = script
        self.after = after
        self.limit = limit
        self.clock = clock
    }

    /// Every request received, in order.
    public var requests: [ChatCompletionRequest] { state.withLock { $0.requests } }

    /// How many times the model was called.
    public var calls: Int { state.withLock { $0.requests.count } }

    public func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        let call = state.withLock { state in
            state.requests.append(request)
            return state.requests.count
        }
        guard call <= limit else {
            throw CheckFailure("the model was called \(call) times, but the check expected at most \(limit) calls: "
                + "the loop does not stop (does it count its steps and end at the limit?)")
        }
        let reply = call <= script.count ? script[call - 1] : (after?(call - script.count) ?? script[script.count - 1])
        if reply.latency > .zero, let clock {
            try await clock.sleep(for: reply.latency)
        }
        let message = try reply.outcome.get()
        let finish: FinishReason = (message.toolCalls?.isEmpty == false) ? .toolCalls : .stop
        return ChatCompletionResponse(
            id: "chatcmpl-script-\(call)", created: 1_767_225_600, model: request.model.isEmpty ? "scripted" : request.model,
            choices: [.init(index: 0, message: message, finishReason: finish)], usage: reply.usage
        )
    }
}
