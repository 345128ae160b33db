import Foundation
import LabKit

/// One request's way through the scenario: its attempt number, its identifiers and the decision.
/// Shared by the HTTP handler and ``ScenarioModel``, so both answer alike.
struct Turn: Sendable {
    /// The key that groups a request with its retries.
    let conversation: UInt64
    let attempt: Int
    let identity: ResponseIdentity
    let decision: Decision

    /// Counts the attempt and decides.
    ///
    /// - Parameters:
    ///   - bytes: the request body as sent; identifiers and the conversation key derive from it.
    ///   - label: the `x-mock-conversation` header, which separates identical conversations.
    static func take(
        _ request: ChatCompletionRequest,
        bytes: Data,
        label: String?,
        state: MockState,
        header: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> Turn {
        var requestHash = StableHash()
        requestHash.combine(bytes)
        let key = conversationKey(requestHash: requestHash.value, label: label)
        let (engine, attempt) = state.beginAttempt(conversation: key)
        let conversation = Conversation(request: request, header: header)
        return decided(conversation, key: key, requestHash: requestHash.value, engine: engine, attempt: attempt)
    }

    /// The engine's decision on one attempt of a conversation.
    private static func decided(_ conversation: Conversation, key: UInt64, requestHash: UInt64, engine: ScenarioEngine, attempt: Int) -> Turn {
        let identity = ResponseIdentity(seed: engine.seed, requestHash: requestHash)
        let decision = engine.decide(conversation, attempt: attempt, requestHash: requestHash, identity: identity)
        return Turn(conversation: key, attempt: attempt, identity: identity, decision: decision)
    }

    /// Counts the attempt and decides, but only when `accept` takes the turn (returns a value);
    /// a turn it refuses is not counted (see ``MockState/beginAttempt(conversation:if:)``).
    static func take<Value: Sendable>(
        _ request: ChatCompletionRequest,
        bytes: Data,
        label: String?,
        state: MockState,
        header: @escaping @Sendable (String) -> String?,
        if accept: (Turn) -> Value?
    ) -> (turn: Turn, value: Value)? {
        var requestHash = StableHash()
        requestHash.combine(bytes)
        let hash = requestHash.value
        let key = conversationKey(requestHash: hash, label: label)
        let conversation = Conversation(request: request, header: header)
        return state.beginAttempt(conversation: key) { engine, attempt in
            let turn = decided(conversation, key: key, requestHash: hash, engine: engine, attempt: attempt)
            return accept(turn).map { (turn, $0) }
        }
    }

    /// The key of a request's conversation: its bytes and its `x-mock-conversation` label.
    static func conversationKey(requestHash: UInt64, label: String?) -> UInt64 {
        var key = StableHash()
        key.combine(requestHash)
        if let label { key.combine(label) }
        return key.value
    }

    /// The key of a request that could not be read, so that its retries are seen too.
    static func conversationKey(bytes: Data, label: String?) -> UInt64 {
        var requestHash = StableHash()
        requestHash.combine(bytes)
        return conversationKey(requestHash: requestHash.value, label: label)
    }
}
