import Foundation

/// One task in a durable ``TaskQueue``: what to do, how urgent it is, and where it is in its life.
///
/// A task moves `available → running → completed`. A failed run moves it to `retrying` (to run
/// again at ``runAt``) or, after ``maxAttempts`` runs, to `dead`, where it waits for a person to
/// ``TaskQueue/requeue(id:)`` it. `cancelled` tasks never run again. While `running`, the task
/// carries the ``Lease`` of the worker that claimed it.
public struct QueueTask: Sendable, Equatable, Codable, Identifiable {
    /// Where a task is in its life.
    public enum State: String, Sendable, Codable, CaseIterable, Comparable {
        /// Waiting to be claimed once ``QueueTask/runAt`` has come.
        case available
        /// Claimed by a worker that holds its lease.
        case running
        /// Failed at least once; waits for ``QueueTask/runAt`` to be claimed again.
        case retrying
        /// Finished with a result.
        case completed
        /// Failed ``QueueTask/maxAttempts`` times; waits for a requeue.
        case dead
        /// Cancelled; never runs again.
        case cancelled

        /// Whether a worker may claim a task in this state (once its time has come).
        public var isClaimable: Bool { self == .available || self == .retrying }

        /// Whether the task is over: completed, dead or cancelled.
        public var isFinished: Bool { self == .completed || self == .dead || self == .cancelled }

        public static func < (lhs: State, rhs: State) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// The queue's identifier for the task.
    public var id: String
    /// What the worker should do, as the producer wrote it (often JSON).
    public var payload: String
    /// Higher runs first.
    public var priority: Int
    public var state: State
    /// How many times a worker claimed the task.
    public var attempts: Int
    /// How many claims the task gets before it is dead.
    public var maxAttempts: Int
    /// The earliest moment a worker may claim the task.
    public var runAt: Date
    /// When the task was enqueued.
    public var enqueuedAt: Date
    /// The producer's key: enqueueing again with the same key returns this task.
    public var idempotencyKey: String?
    /// The fencing token of the latest claim: it goes up by one with every claim, so a worker
    /// holding an older lease can be told apart from the current holder.
    public var leaseVersion: Int
    /// The lease of the worker running the task; `nil` unless `running`.
    public var lease: Lease?
    /// The result of a completed task.
    public var result: String?
    /// The error of the latest failed run.
    public var lastError: String?
    /// When the task completed, died or was cancelled.
    public var finishedAt: Date?

    /// Creates a task as it is stored.
    public init(
        id: String, payload: String, priority: Int = 0, state: State = .available, attempts: Int = 0,
        maxAttempts: Int = 5, runAt: Date, enqueuedAt: Date, idempotencyKey: String? = nil,
        leaseVersion: Int = 0, lease: Lease? = nil, result: String? = nil, lastError: String? = nil,
        finishedAt: Date? = nil
    ) {
        self.id = id
        self.payload = payload
        self.priority = priority
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.enqueuedAt = enqueuedAt
        self.idempotencyKey = idempotencyKey
        self.leaseVersion = leaseVersion
        self.lease = lease
        self.result = result
        self.lastError = lastError
        self.finishedAt = finishedAt
    }
}
