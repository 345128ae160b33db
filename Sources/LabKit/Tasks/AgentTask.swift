import Foundation

/// A unit of agent work whose progress survives restarts.
///
/// A task moves `pending → running → completed` or `running → failed`; a failed task may be
/// put back to `pending` and run again. Every change is written to a ``StateStore`` so that a
/// restarted process can see how far the work got.
///
/// ```swift
/// var task = AgentTask(id: "deploy-42", input: "Deploy service X", createdAt: now())
/// task.state = .running
/// try await store.save(task)
/// ```
public struct AgentTask: Codable, Sendable, Equatable, Identifiable {
    /// Where a task is in its life.
    public enum State: String, Codable, Sendable, CaseIterable {
        case pending, running, completed, failed
    }

    /// A stable identifier chosen by the caller; saving twice with one id replaces the task.
    public var id: String
    /// What the user asked for.
    public var input: String
    public var state: State
    /// The outcome of a completed task.
    public var result: String?
    /// The error message of a failed task.
    public var error: String?
    /// How many times the work was started.
    public var attempts: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a task. A new task is `pending`, with no attempts, stamped `now` twice.
    public init(
        id: String,
        input: String,
        state: State = .pending,
        result: String? = nil,
        error: String? = nil,
        attempts: Int = 0,
        createdAt: Date,
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.input = input
        self.state = state
        self.result = result
        self.error = error
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, input, state, result, error, attempts
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
