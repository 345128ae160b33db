import Foundation

/// A snapshot of a task that a run can resume from.
public struct Checkpoint: Sendable, Equatable, Codable {
    public var taskID: String
    /// Goes up by one with every checkpoint of the same task: the highest is the newest.
    public var sequence: Int
    /// The task as it was when the checkpoint was taken.
    public var task: AgentTask
    /// The agent's state at that moment.
    public var state: AgentState?
    public var savedAt: Date

    public init(taskID: String, sequence: Int, task: AgentTask, state: AgentState? = nil, savedAt: Date) {
        self.taskID = taskID
        self.sequence = sequence
        self.task = task
        self.state = state
        self.savedAt = savedAt
    }
}

/// How often an agent takes a checkpoint.
public enum CheckpointStrategy: String, Sendable, Codable, CaseIterable {
    /// After every tool call: the least lost progress, the most writes.
    case everyStep = "every_step"
    /// After every iteration of the agent loop.
    case everyIteration = "every_iteration"
    /// Only when the task changes state (running → completed, …): the fewest writes.
    case onStateChange = "on_state_change"
}

/// What just happened in an agent run, the moment a checkpoint may be taken.
public enum CheckpointEvent: String, Sendable, Codable, CaseIterable {
    /// A tool call returned.
    case toolCall
    /// An iteration of the agent loop ended.
    case iteration
    /// The task changed state.
    case stateChange
}

/// Why a checkpoint may not be resumed.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// It is older than the maximum age.
    case expired(age: Duration, maxAge: Duration)
    /// Its task's state is not one a run may resume from.
    case notResumable(AgentTask.State)

    public var description: String {
        switch self {
        case .expired(let age, let maxAge): "checkpoint expired: it is \(age.compact) old, at most \(maxAge.compact) allowed"
        case .notResumable(let state): "cannot resume a checkpoint of a \(state.rawValue) task"
        }
    }
}

/// What a rotation of checkpoints keeps and what it deletes.
public struct CheckpointRotation: Sendable, Equatable {
    public var kept: [Checkpoint]
    public var removed: [Checkpoint]

    public init(kept: [Checkpoint], removed: [Checkpoint]) {
        self.kept = kept
        self.removed = removed
    }
}
