import LabKit

/// Where an agent keeps each task's conversation between steps, so that a restarted process
/// can carry on from it.
///
/// The lab's stores: ``MemoryCheckpointStore`` (checks and tests) and
/// ``JSONFileCheckpointStore`` (the demo: one file per task, replaced atomically).
public protocol CheckpointStore: Sendable {
    /// Saves the conversation of a task, replacing what was saved before.
    /// - Throws: ``StoreError`` when it cannot be written.
    func saveConversation(_ messages: [ChatMessage], taskID: String) async throws

    /// The conversation saved last for a task, or `nil` when there is none.
    /// - Throws: ``StoreError`` when it cannot be read.
    func conversation(taskID: String) async throws -> [ChatMessage]?
}

/// A ``CheckpointStore`` in memory that remembers every conversation it was asked to save.
public actor MemoryCheckpointStore: CheckpointStore {
    private var latest: [String: [ChatMessage]]
    /// Every save, in order.
    public private(set) var saves: [(taskID: String, messages: [ChatMessage])] = []

    public init(_ conversations: [String: [ChatMessage]] = [:]) {
        latest = conversations
    }

    public func saveConversation(_ messages: [ChatMessage], taskID: String) {
        latest[taskID] = messages
        saves.append((taskID, messages))
    }

    public func conversation(taskID: String) -> [ChatMessage]? {
        latest[taskID]
    }
}
