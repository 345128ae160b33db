import Foundation
import LabKit

/// A ``CheckpointStore`` that keeps each task's conversation in `<directory>/<task id>.json`,
/// replaced atomically on every save: a crash leaves the previous checkpoint or the new one.
///
/// ```swift
/// let checkpoints = JSONFileCheckpointStore(directory: stateDirectory.appendingPathComponent("checkpoints"))
/// try await checkpoints.saveConversation(messages, taskID: "disk-1")
/// ```
public actor JSONFileCheckpointStore: CheckpointStore {
    /// Where the files live.
    public nonisolated let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    public func saveConversation(_ messages: [ChatMessage], taskID: String) throws {
        let path = file(for: taskID).path
        let data: Data
        do {
            data = try ChatWire.encode(messages)
        } catch {
            throw StoreError.io(path: path, reason: "the conversation cannot be encoded: \(error)")
        }
        try AtomicFile.createDirectory(containing: path)
        try AtomicFile.write(data, to: path)
    }

    public func conversation(taskID: String) throws -> [ChatMessage]? {
        let url = file(for: taskID)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw StoreError.io(path: url.path, reason: error.localizedDescription)
        }
        do {
            return try ChatWire.decode([ChatMessage].self, from: data)
        } catch {
            throw StoreError.corrupt(path: url.path, reason: "\(error)")
        }
    }

    /// The file of one task; characters a file name cannot hold become `_`.
    private func file(for taskID: String) -> URL {
        let safe = String(taskID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return directory.appendingPathComponent("\(safe).json")
    }
}
