import Foundation
import LabKit
import Synchronization

/// Gathers recorded exchanges into a scenario, one rule per conversation (keyed on its digest),
/// and writes it after every exchange, so that stopping the recorder loses nothing. A
/// conversation sent again (a retry) adds a step to its rule's sequence.
final class ScenarioRecorder: Sendable {
    private struct Exchanges {
        var order: [String] = []
        var replies: [String: [Reply]] = [:]
        var names: [String: String] = [:]
    }

    let name: String
    let path: String
    private let exchanges = Mutex(Exchanges())

    init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    /// Adds an exchange and rewrites the file.
    ///
    /// - Throws: ``MockLLMError/unreadableScenarioFile(path:reason:)`` when the file cannot be written.
    func record(_ request: ChatCompletionRequest, reply: Reply) throws {
        let digest = ConversationDigest.of(request.messages)
        let scenario = exchanges.withLock { exchanges -> Scenario in
            if exchanges.replies[digest] == nil {
                exchanges.order.append(digest)
                let turn = request.messages.count { $0.role == .assistant }
                let last = request.messages.last { $0.role == .user }?.content ?? ""
                exchanges.names[digest] = "exchange \(exchanges.order.count) (turn \(turn)): \(quoted(last))"
            }
            exchanges.replies[digest, default: []].append(reply)
            return Self.scenario(name, exchanges)
        }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(scenario).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw MockLLMError.unreadableScenarioFile(path: path, reason: "cannot write it: \(error.localizedDescription)")
        }
    }

    /// The scenario recorded so far.
    var scenario: Scenario { exchanges.withLock { Self.scenario(name, $0) } }

    private static func scenario(_ name: String, _ exchanges: Exchanges) -> Scenario {
        let rules = exchanges.order.map { digest in
            let replies = exchanges.replies[digest] ?? []
            return Rule(
                name: exchanges.names[digest] ?? digest,
                when: Conditions(conversationDigest: digest),
                reply: replies.count == 1 ? replies[0] : nil,
                sequence: replies.count == 1 ? nil : replies
            )
        }
        return Scenario(
            name: name,
            description: "Recorded by mock-llm record: each rule answers one recorded conversation as the upstream model did.",
            rules: rules,
            fallback: .text("mock-llm: this conversation was not recorded")
        )
    }
}
