import LabKit

/// The facts about a request that rules look at, read once per request.
struct Conversation: Sendable {
    let request: ChatCompletionRequest
    let lastUser: String?
    let system: String
    /// The names of the tools offered, in the request's order (a few: a look-up walks them).
    let toolsOffered: [String]
    let toolCallCounts: [String: Int]
    let lastToolResult: String?
    let lastRole: Role?
    let turn: Int
    let header: @Sendable (String) -> String?

    /// The fingerprint of the messages (computed when a rule asks).
    var digest: String { ConversationDigest.of(request.messages) }

    init(request: ChatCompletionRequest, header: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.request = request
        self.header = header
        var lastUser: String?
        var system: [String] = []
        var counts: [String: Int] = [:]
        var lastToolResult: String?
        var turn = 0
        for message in request.messages {
            switch message.role {
            case .user:
                lastUser = message.content ?? ""
            case .system, .developer:
                system.append(message.content ?? "")
            case .assistant:
                turn += 1
                for call in message.toolCalls ?? [] {
                    counts[call.function.name, default: 0] += 1
                }
            case .tool, .function:
                lastToolResult = message.content ?? ""
            }
        }
        self.lastUser = lastUser
        self.system = system.count == 1 ? system[0] : system.joined(separator: "\n")
        self.toolsOffered = (request.tools ?? []).map(\.function.name)
        self.toolCallCounts = counts
        self.lastToolResult = lastToolResult
        self.lastRole = request.messages.last?.role
        self.turn = turn
    }
}
