import Foundation
import LabKit

/// One request's way through the scenario: its attempt number, its identifiers and the decision.
/// Shared by the HTTP handler and ``ScenarioModel``, so both answer alike.
struct Turn: Sendable {
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
        var conversationKey = StableHash()
        conversationKey.combine(requestHash.value)
        if let label { conversationKey.combine(label) }
        let (engine, attempt) = state.beginAttempt(conversation: conversationKey.value)
        let identity = ResponseIdentity(seed: engine.seed, requestHash: requestHash.value)
        let conversation = Conversation(request: request, header: header)
        let decision = engine.decide(conversation, attempt: attempt, requestHash: requestHash.value, identity: identity)
        return Turn(attempt: attempt, identity: identity, decision: decision)
    }
}
