/// Who wrote a message in a conversation.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// The instructions that frame the conversation.
    case system
    /// Instructions from the application's developer (newer models' name for `system`).
    case developer
    /// The person asking.
    case user
    /// The model.
    case assistant
    /// A tool's result, answering one of the model's calls.
    case tool
    /// A function's result in the deprecated `function_call` protocol (read like ``tool``).
    case function
}
