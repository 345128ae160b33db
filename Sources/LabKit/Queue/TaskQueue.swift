import Foundation

/// A durable queue of tasks that several workers (threads, processes, hosts) share: the seam
/// chapter 21 builds on.
///
/// Every backend passes one contract suite (`Sources/TaskQueueContract/`), run against the
/// memory queue, SQLite and any later backend:
///
/// - **Enqueue** stores a task `available` at its `runAt` (now unless told). A task enqueued
///   with an idempotency key that the queue already holds is not stored again: the existing
///   task is returned with `isNew == false`.
/// - **Claim** hands each claimable task (`available` or `retrying`, its `runAt` come) to exactly
///   one worker, highest priority first, then earliest `runAt`, then first enqueued. The task
///   becomes `running`, its attempts go up by one, its `leaseVersion` goes up by one, and the
///   worker gets a ``Lease`` with that version as its token, expiring `leaseFor` from now.
/// - **Fencing**: complete, fail and heartbeat succeed only for the current lease (same token and
///   worker, task `running`) before it expires; otherwise they throw
///   ``QueueError/leaseLost(taskID:reason:)`` and change nothing.
/// - **Heartbeat** moves the lease's expiry to `extendBy` from now.
/// - **Complete** makes the task `completed` with its result, and records its effects in the
///   effect ledger in the same step: both or neither.
/// - **Fail** makes the task `retrying` at now plus a full-jitter backoff (see ``QueuePolicy``),
///   or at least `retryAfter` when given; after `maxAttempts` attempts it is `dead` instead.
/// - **Rescue** turns every `running` task whose lease has expired back into `retrying`, claimable
///   now, or `dead` if it has used all its attempts.
/// - **Cancel** makes an unfinished task `cancelled` (a running task's lease is lost); a finished
///   task is returned unchanged. **Requeue** makes a dead or cancelled task `available` now, with
///   its attempts back to zero.
/// - **Prune** deletes completed and cancelled tasks that finished before a date; dead tasks stay.
///
/// Time, identifiers and randomness come from the backend's creator (`now`, `ids`, a seed), so
/// that a manual clock can drive every rule above.
public protocol TaskQueue: Sendable {
    /// Enqueues tasks in one step, in order.
    /// - Throws: ``QueueError/invalidRequest(_:)`` for a `maxAttempts` below 1, or storage errors.
    @discardableResult
    func enqueue(_ requests: [NewQueueTask]) async throws -> [Enqueued]

    /// Claims up to `limit` claimable tasks for `worker`, in claim order.
    /// - Throws: ``QueueError/invalidRequest(_:)`` when `leaseFor` is not positive or `limit` < 1.
    func claim(worker: String, leaseFor: Duration, limit: Int) async throws -> [Claim]

    /// Renews a lease: it now expires `extendBy` from now.
    /// - Returns: The renewed lease.
    /// - Throws: ``QueueError/leaseLost(taskID:reason:)``.
    func heartbeat(_ lease: Lease, extendBy: Duration) async throws -> Lease

    /// Completes the task of `lease` with `result`, and records `effects` with it.
    /// - Throws: ``QueueError/leaseLost(taskID:reason:)``; then no effect is recorded.
    @discardableResult
    func complete(_ lease: Lease, result: String, effects: [QueueEffect]) async throws -> QueueTask

    /// Completes several tasks in one step, each only if its lease is current: a lost lease
    /// fails that completion alone (`leaseLost`, nothing recorded) and not the others. A worker
    /// that finishes many short tasks completes them in batches, as River's completer does.
    /// - Returns: One result per completion, in order.
    func completeAll(_ completions: [Completion]) async throws -> [Result<QueueTask, QueueError>]

    /// Records a failed run: the task is retried after a backoff, or is dead.
    /// - Parameter retryAfter: The least wait the failure asked for (a 503's Retry-After).
    /// - Throws: ``QueueError/leaseLost(taskID:reason:)``.
    @discardableResult
    func fail(_ lease: Lease, error: String, retryAfter: Duration?) async throws -> QueueTask

    /// Rescues the running tasks whose lease expired; returns their ids.
    func rescueExpired() async throws -> [String]

    /// Cancels a task that is not finished; returns it as it is now.
    /// - Throws: ``QueueError/taskNotFound(id:)``.
    @discardableResult
    func cancel(id: String) async throws -> QueueTask

    /// Makes a dead or cancelled task available again, attempts at zero.
    /// - Throws: ``QueueError/taskNotFound(id:)``, ``QueueError/notRequeueable(id:state:)``.
    @discardableResult
    func requeue(id: String) async throws -> QueueTask

    /// The task with this id, or `nil`.
    func task(id: String) async throws -> QueueTask?

    /// How many tasks are in each state.
    func counts() async throws -> QueueCounts

    /// Dead tasks, the most recently dead first, at most `limit`.
    func deadLetters(limit: Int) async throws -> [QueueTask]

    /// Deletes completed and cancelled tasks that finished before `date`; returns how many.
    func prune(finishedBefore date: Date) async throws -> Int

    /// The effect ledger, in the order the effects were applied.
    func appliedEffects() async throws -> [AppliedEffect]
}

extension TaskQueue {
    /// Enqueues one task.
    @discardableResult
    public func enqueue(_ request: NewQueueTask) async throws -> Enqueued {
        let results = try await enqueue([request])
        guard let first = results.first else { throw QueueError.invalidRequest("enqueue returned nothing") }
        return first
    }

    /// Claims the next claimable task, or returns `nil` when none is.
    public func claim(worker: String, leaseFor: Duration) async throws -> Claim? {
        try await claim(worker: worker, leaseFor: leaseFor, limit: 1).first
    }

    /// Completes a task that has no effect to record.
    @discardableResult
    public func complete(_ lease: Lease, result: String) async throws -> QueueTask {
        try await complete(lease, result: result, effects: [])
    }

    /// Records a failed run with no least wait.
    @discardableResult
    public func fail(_ lease: Lease, error: String) async throws -> QueueTask {
        try await fail(lease, error: error, retryAfter: nil)
    }
}

/// Checks shared by every backend: the arguments of a claim and of an enqueue.
package enum QueueRules {
    package static func validateClaim(leaseFor: Duration, limit: Int) throws(QueueError) {
        guard leaseFor > .zero else { throw .invalidRequest("leaseFor must be positive, got \(leaseFor.compact)") }
        guard limit >= 1 else { throw .invalidRequest("limit must be at least 1, got \(limit)") }
    }

    package static func maxAttempts(of request: NewQueueTask, policy: QueuePolicy) throws(QueueError) -> Int {
        let attempts = request.maxAttempts ?? policy.maxAttempts
        guard attempts >= 1 else { throw .invalidRequest("maxAttempts must be at least 1, got \(attempts)") }
        return attempts
    }

    /// Why `lease` is not the current lease of `task` at `now`, or `nil` when it is.
    package static func fenceViolation(_ lease: Lease, task: QueueTask?, now: Date) -> String? {
        guard let task else { return "the task is gone" }
        guard task.state == .running else { return "the task is \(task.state.rawValue)" }
        guard task.leaseVersion == lease.token, let current = task.lease, current.worker == lease.worker else {
            return "a later claim holds it (token \(task.leaseVersion), yours \(lease.token))"
        }
        guard now.queueMilliseconds < current.expiresAt.queueMilliseconds else { return "it expired" }
        return nil
    }
}
