import Foundation

/// A worker's right to run one claimed task until ``expiresAt``, and its fencing token.
///
/// Only the holder of the current lease may complete, fail or renew the task, and only while
/// the lease has not expired. A claim after a rescue hands out a lease with a higher ``token``,
/// so the earlier holder, even if it wakes up later, is refused.
public struct Lease: Sendable, Hashable, Codable {
    /// The task the lease is for.
    public var taskID: String
    /// Who holds it.
    public var worker: String
    /// The fencing token: the task's ``QueueTask/leaseVersion`` at the claim.
    public var token: Int
    /// The moment the lease ends unless it is renewed by a heartbeat.
    public var expiresAt: Date

    public init(taskID: String, worker: String, token: Int, expiresAt: Date) {
        self.taskID = taskID
        self.worker = worker
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// A task a worker claimed, with the lease it now holds.
public struct Claim: Sendable, Equatable {
    public var task: QueueTask
    public var lease: Lease

    public init(task: QueueTask, lease: Lease) {
        self.task = task
        self.lease = lease
    }
}

/// A completion to record: the lease it is made under, the result, and the effects that go
/// with it.
public struct Completion: Sendable, Equatable {
    public var lease: Lease
    public var result: String
    public var effects: [QueueEffect]

    public init(lease: Lease, result: String, effects: [QueueEffect] = []) {
        self.lease = lease
        self.result = result
        self.effects = effects
    }
}
