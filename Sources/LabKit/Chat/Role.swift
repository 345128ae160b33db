/// Who wrote a message in a conversation.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case system
    case developer
    case user
    case assistant
    case tool
}
