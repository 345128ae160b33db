import Foundation

/// A ``TaskQueue`` in memory: for tests, checks and single-process demos. Gone with the process.
///
/// ```swift
/// let time = ManualNow()
/// let queue = MemoryTaskQueue(now: time.now)
/// try await queue.enqueue(NewQueueTask(payload: "send the report"))
/// let claim = try await queue.claim(worker: "w1", leaseFor: .seconds(30))
/// ```
public actor MemoryTaskQueue: TaskQueue {
    private var tasks: [String: Entry] = [:]
    private var keys: [String: String] = [:]
    private var ledger: [AppliedEffect] = []
    private var sequence = 0
    private let now: Now
    private let ids: @Sendable () -> String
    private let policy: QueuePolicy
    private let random: SeededRandom

    private struct Entry {
        var task: QueueTask
        let sequence: Int
    }

    /// Creates an empty queue.
    /// - Parameters:
    ///   - now: The wall clock leases and schedules are read from.
    ///   - ids: Makes the id of each new task; `task-1`, `task-2`, … unless told.
    ///   - policy: Attempts and backoff.
    ///   - seed: Seeds the jitter of the backoff.
    public init(now: @escaping Now, ids: (@Sendable () -> String)? = nil, policy: QueuePolicy = QueuePolicy(), seed: UInt64 = 0) {
        self.now = now
        self.ids = ids ?? counterIDs(prefix: "task-")
        self.policy = policy
        self.random = SeededRandom(seed: seed)
    }

    private var date: Date { Date(queueMilliseconds: now().queueMilliseconds) }

    @discardableResult
    public func enqueue(_ requests: [NewQueueTask]) throws -> [Enqueued] {
        var results: [Enqueued] = []
        for request in requests {
            if let key = request.idempotencyKey, let id = keys[key], let existing = tasks[id] {
                results.append(Enqueued(task: existing.task, isNew: false))
                continue
            }
            let attempts = try QueueRules.maxAttempts(of: request, policy: policy)
            let date = self.date
            let task = QueueTask(
                id: ids(), payload: request.payload, priority: request.priority, maxAttempts: attempts,
                runAt: request.runAt.map { Date(queueMilliseconds: $0.queueMilliseconds) } ?? date,
                enqueuedAt: date, idempotencyKey: request.idempotencyKey)
            sequence += 1
            tasks[task.id] = Entry(task: task, sequence: sequence)
            if let key = request.idempotencyKey { keys[key] = task.id }
            results.append(Enqueued(task: task, isNew: true))
        }
        return results
    }

    public func claim(worker: String, leaseFor: Duration, limit: Int) throws -> [Claim] {
        try QueueRules.validateClaim(leaseFor: leaseFor, limit: limit)
        let date = self.date
        let ready = tasks.values
            .filter { $0.task.state.isClaimable && $0.task.runAt <= date }
            .sorted { ($1.task.priority, $0.task.runAt, $0.sequence) < ($0.task.priority, $1.task.runAt, $1.sequence) }
            .prefix(limit)
        return ready.map { entry in
            var task = entry.task
            task.state = .running
            task.attempts += 1
            task.leaseVersion += 1
            let lease = Lease(taskID: task.id, worker: worker, token: task.leaseVersion, expiresAt: date.adding(leaseFor))
            task.lease = lease
            tasks[task.id]?.task = task
            return Claim(task: task, lease: lease)
        }
    }

    public func heartbeat(_ lease: Lease, extendBy: Duration) throws -> Lease {
        var task = try fenced(lease)
        var renewed = lease
        renewed.expiresAt = date.adding(extendBy)
        task.lease = renewed
        tasks[task.id]?.task = task
        return renewed
    }

    @discardableResult
    public func complete(_ lease: Lease, result: String, effects: [QueueEffect]) throws(QueueError) -> QueueTask {
        var task = try fenced(lease)
        let date = self.date
        task.state = .completed
        task.result = result
        task.lease = nil
        task.finishedAt = date
        tasks[task.id]?.task = task
        ledger += effects.map { AppliedEffect(taskID: task.id, effect: $0, token: lease.token, appliedAt: date) }
        return task
    }

    public func completeAll(_ completions: [Completion]) -> [Result<QueueTask, QueueError>] {
        completions.map { completion in
            Result { () throws(QueueError) in
                try complete(completion.lease, result: completion.result, effects: completion.effects)
            }
        }
    }

    @discardableResult
    public func fail(_ lease: Lease, error: String, retryAfter: Duration?) throws -> QueueTask {
        var task = try fenced(lease)
        let date = self.date
        task.lease = nil
        task.lastError = error
        if task.attempts >= task.maxAttempts {
            task.state = .dead
            task.finishedAt = date
        } else {
            var wait = policy.backoff(afterAttempt: task.attempts, random: random)
            if let retryAfter, retryAfter > wait { wait = retryAfter }
            task.state = .retrying
            task.runAt = Date(queueMilliseconds: date.adding(wait).queueMilliseconds)
        }
        tasks[task.id]?.task = task
        return task
    }

    public func rescueExpired() -> [String] {
        let date = self.date
        let expired = tasks.values
            .filter { $0.task.state == .running && ($0.task.lease?.expiresAt ?? date) <= date }
            .sorted { $0.sequence < $1.sequence }
        for entry in expired {
            var task = entry.task
            task.lease = nil
            task.lastError = "the lease expired: the worker stopped sending heartbeats"
            if task.attempts >= task.maxAttempts {
                task.state = .dead
                task.finishedAt = date
            } else {
                task.state = .retrying
                task.runAt = date
            }
            tasks[task.id]?.task = task
        }
        return expired.map(\.task.id)
    }

    @discardableResult
    public func cancel(id: String) throws -> QueueTask {
        guard var task = tasks[id]?.task else { throw QueueError.taskNotFound(id: id) }
        guard !task.state.isFinished else { return task }
        task.state = .cancelled
        task.lease = nil
        task.finishedAt = date
        tasks[id]?.task = task
        return task
    }

    @discardableResult
    public func requeue(id: String) throws -> QueueTask {
        guard var task = tasks[id]?.task else { throw QueueError.taskNotFound(id: id) }
        guard task.state == .dead || task.state == .cancelled else {
            throw QueueError.notRequeueable(id: id, state: task.state)
        }
        task.state = .available
        task.attempts = 0
        task.runAt = date
        task.finishedAt = nil
        tasks[id]?.task = task
        return task
    }

    public func task(id: String) -> QueueTask? {
        tasks[id]?.task
    }

    public func counts() -> QueueCounts {
        var counts = QueueCounts()
        for entry in tasks.values { counts[entry.task.state] += 1 }
        return counts
    }

    public func deadLetters(limit: Int) -> [QueueTask] {
        Array(tasks.values.filter { $0.task.state == .dead }
            .sorted { ($1.task.finishedAt ?? .distantPast, $1.sequence) < ($0.task.finishedAt ?? .distantPast, $0.sequence) }
            .prefix(max(0, limit))
            .map(\.task))
    }

    public func prune(finishedBefore cutoff: Date) -> Int {
        let doomed = tasks.values.filter { entry in
            (entry.task.state == .completed || entry.task.state == .cancelled)
                && (entry.task.finishedAt ?? cutoff) < cutoff
        }
        for entry in doomed {
            tasks[entry.task.id] = nil
            if let key = entry.task.idempotencyKey { keys[key] = nil }
        }
        return doomed.count
    }

    public func appliedEffects() -> [AppliedEffect] {
        ledger
    }

    /// The task of `lease` if the lease is its current one, or `leaseLost`.
    private func fenced(_ lease: Lease) throws(QueueError) -> QueueTask {
        let task = tasks[lease.taskID]?.task
        if let reason = QueueRules.fenceViolation(lease, task: task, now: date) {
            throw .leaseLost(taskID: lease.taskID, reason: reason)
        }
        guard let task else { throw .leaseLost(taskID: lease.taskID, reason: "the task is gone") }
        return task
    }
}

/// Identifiers `prefix1`, `prefix2`, …: predictable ids for tests, checks and demos.
public func counterIDs(prefix: String) -> @Sendable () -> String {
    let counter = SequenceCounter()
    return { "\(prefix)\(counter.next())" }
}
