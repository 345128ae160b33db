import Foundation
import GRDB
import LabKit

/// One row of the `task` table of ``SQLiteStateStore``: an ``AgentTask`` as SQLite keeps it.
///
/// The state is stored as text (`pending`, `running`, ...) and dates the way GRDB stores
/// them: UTC text such as `2026-01-01 09:30:00.125`, which sorts in time order and keeps
/// milliseconds.
struct TaskRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "task"

    var id: String
    var input: String
    var state: String
    var result: String?
    var error: String?
    var attempts: Int
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, input, state, result, error, attempts
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let state = Column(CodingKeys.state)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ task: AgentTask) {
        id = task.id
        input = task.input
        state = task.state.rawValue
        result = task.result
        error = task.error
        attempts = task.attempts
        createdAt = task.createdAt
        updatedAt = task.updatedAt
    }

    /// The task this row holds.
    /// - Throws: ``StoreError/corrupt(path:reason:)`` when the state is not one of the known ones.
    func task(path: String) throws(StoreError) -> AgentTask {
        guard let state = AgentTask.State(rawValue: state) else {
            throw .corrupt(path: path, reason: "task \"\(id)\" has an unknown state \"\(state)\"")
        }
        return AgentTask(
            id: id, input: input, state: state, result: result, error: error,
            attempts: attempts, createdAt: createdAt, updatedAt: updatedAt)
    }
}
