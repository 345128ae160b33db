import Foundation

/// What a producer asks a ``TaskQueue`` to run.
public struct NewQueueTask: Sendable, Equatable {
    public var payload: String
    /// Higher runs first; 0 unless told.
    public var priority: Int
    /// The earliest moment it may run; `nil` for now.
    public var runAt: Date?
    /// Enqueueing twice with one key returns the first task; `nil` for no key.
    public var idempotencyKey: String?
    /// How many claims it gets before it is dead; `nil` for the queue's policy.
    public var maxAttempts: Int?

    public init(payload: String, priority: Int = 0, runAt: Date? = nil, idempotencyKey: String? = nil, maxAttempts: Int? = nil) {
        self.payload = payload
        self.priority = priority
        self.runAt = runAt
        self.idempotencyKey = idempotencyKey
        self.maxAttempts = maxAttempts
    }
}

/// What ``TaskQueue/enqueue(_:)`` did: the task, and whether it is new or was already there
/// under the same idempotency key.
public struct Enqueued: Sendable, Equatable {
    public var task: QueueTask
    public var isNew: Bool

    public init(task: QueueTask, isNew: Bool) {
        self.task = task
        self.isNew = isNew
    }
}

/// A side effect recorded in the queue's effect ledger in the same transaction as the completion
/// of its task: either both happen or neither does.
public struct QueueEffect: Sendable, Hashable, Codable {
    /// What the effect is, as in `email:user-42`.
    public var key: String
    /// Details, free text.
    public var detail: String

    public init(key: String, detail: String = "") {
        self.key = key
        self.detail = detail
    }
}

/// One row of the effect ledger: which task applied which effect, and when.
public struct AppliedEffect: Sendable, Hashable, Codable {
    public var taskID: String
    public var effect: QueueEffect
    /// The fencing token of the lease that completed the task.
    public var token: Int
    public var appliedAt: Date

    public init(taskID: String, effect: QueueEffect, token: Int, appliedAt: Date) {
        self.taskID = taskID
        self.effect = effect
        self.token = token
        self.appliedAt = appliedAt
    }
}
