import Foundation
import GRDB
import LabKit

/// A ``TaskQueue`` in an SQLite database file that several worker processes share: the durable
/// queue of chapter 21.
///
/// Every change is one `BEGIN IMMEDIATE` transaction: the writer lock is taken before anything
/// is read, so two claims never see the same task, and a process killed mid-transaction leaves
/// nothing behind. A claim is one `UPDATE … RETURNING` that picks the tasks and leases them in
/// one statement. The database is in WAL mode, so readers (the progress line, `status`) never
/// wait for the writer. When another process holds the writer lock, the connection waits in
/// short steps (up to 30 s) instead of failing: a claim either commits once, and is returned, or
/// does not happen at all and its error is thrown — it is never lost nor handed out twice.
///
/// ```swift
/// let queue = try SQLiteTaskQueue(path: "state/queue.sqlite", now: { Date() })
/// try await queue.enqueue(NewQueueTask(payload: "summarise ticket 7", idempotencyKey: "ticket-7"))
/// if let claim = try await queue.claim(worker: "w1", leaseFor: .seconds(30)) { … }
/// ```
public struct SQLiteTaskQueue: TaskQueue {
    private let dbWriter: any DatabaseWriter
    private let now: Now
    private let ids: (@Sendable () -> String)?
    private let policy: QueuePolicy
    private let random: SeededRandom

    /// Creates a queue on an open database and migrates it.
    /// - Parameters:
    ///   - dbWriter: A `DatabasePool` (file, WAL) or a `DatabaseQueue`.
    ///   - now: The wall clock leases and schedules are read from.
    ///   - ids: Makes each new task's id; `nil` numbers them from the database (`task-1`, …),
    ///     unique across every process sharing the file.
    ///   - policy: Attempts and backoff.
    ///   - seed: Seeds the jitter of the backoff.
    /// - Throws: ``QueueError/storage(path:reason:)``.
    public init(_ dbWriter: any DatabaseWriter, now: @escaping Now, ids: (@Sendable () -> String)? = nil,
                policy: QueuePolicy = QueuePolicy(), seed: UInt64 = 0) throws(QueueError) {
        self.dbWriter = dbWriter
        self.now = now
        self.ids = ids
        self.policy = policy
        self.random = SeededRandom(seed: seed)
        do {
            try Self.migrator.migrate(dbWriter)
        } catch {
            throw Self.queueError(error, path: dbWriter.path)
        }
    }

    /// Opens (or creates) the queue's database file at `path`, in WAL mode.
    /// - Throws: ``QueueError/storage(path:reason:)``.
    public init(path: String, now: @escaping Now, ids: (@Sendable () -> String)? = nil,
                policy: QueuePolicy = QueuePolicy(), seed: UInt64 = 0) throws(QueueError) {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .storage(path: path, reason: "cannot create its folder: \(error)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            throw Self.queueError(error, path: path)
        }
        try self.init(pool, now: now, ids: ids, policy: policy, seed: seed)
    }

    /// A connection that waits for the writer lock in short steps, up to about 30 seconds, and
    /// syncs to disk at checkpoints (WAL with `synchronous = NORMAL`: a killed process loses no
    /// committed transaction; only a power cut may lose the last ones).
    static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .callback { tries in
            guard tries < 20_000 else { return false }
            usleep(useconds_t(min(1_500, 20 + tries * 20)))
            return true
        }
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    private var millisecondsNow: Int64 { now().queueMilliseconds }

    // MARK: - Producing

    @discardableResult
    public func enqueue(_ requests: [NewQueueTask]) async throws -> [Enqueued] {
        let prepared = try requests.map { request throws(QueueError) in
            (request, try QueueRules.maxAttempts(of: request, policy: policy), ids?())
        }
        let date = millisecondsNow
        return try await immediate { db in
            try prepared.map { request, maxAttempts, id in
                if let key = request.idempotencyKey,
                   let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_task WHERE idempotency_key = ?"),
                                              arguments: [key]) {
                    return Enqueued(task: try Self.task(row), isNew: false)
                }
                let statement = try db.cachedStatement(sql: """
                    INSERT INTO queue_task (id, payload, priority, state, attempts, max_attempts, run_at,
                                            enqueued_at, idempotency_key, lease_version)
                    VALUES (COALESCE(?, 'task-' || (IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'queue_task'), 0) + 1)),
                            ?, ?, 'available', 0, ?, ?, ?, ?, 0)
                    RETURNING *
                    """)
                let arguments: StatementArguments = [
                    id, request.payload, request.priority, maxAttempts,
                    request.runAt?.queueMilliseconds ?? date, date, request.idempotencyKey,
                ]
                guard let row = try Row.fetchOne(statement, arguments: arguments) else {
                    throw QueueError.storage(path: db.description, reason: "the insert returned no row")
                }
                return Enqueued(task: try Self.task(row), isNew: true)
            }
        }
    }

    // MARK: - Working

    public func claim(worker: String, leaseFor: Duration, limit: Int) async throws -> [Claim] {
        try QueueRules.validateClaim(leaseFor: leaseFor, limit: limit)
        let date = millisecondsNow
        let expiry = date + Int64((leaseFor.timeInterval * 1000).rounded())
        let tasks = try await immediate { db in
            let statement = try db.cachedStatement(sql: """
                UPDATE queue_task
                SET state = 'running', attempts = attempts + 1, lease_version = lease_version + 1,
                    lease_worker = ?, lease_expires_at = ?
                WHERE seq IN (
                    SELECT seq FROM queue_task
                    WHERE state IN ('available', 'retrying') AND run_at <= ?
                    ORDER BY priority DESC, run_at, seq
                    LIMIT ?)
                RETURNING *
                """)
            return try Row.fetchAll(statement, arguments: [worker, expiry, date, limit]).map { row in
                (try Self.task(row), row["seq"] as Int64)
            }
        }
        return tasks
            .sorted { ($1.0.priority, $0.0.runAt, $0.1) < ($0.0.priority, $1.0.runAt, $1.1) }
            .compactMap { task, _ in task.lease.map { Claim(task: task, lease: $0) } }
    }

    public func heartbeat(_ lease: Lease, extendBy: Duration) async throws -> Lease {
        let date = millisecondsNow
        let expiry = date + Int64((extendBy.timeInterval * 1000).rounded())
        let task = try await fencedUpdate(lease, at: date, sql: "UPDATE queue_task SET lease_expires_at = ?", arguments: [expiry])
        guard let renewed = task.lease else { throw QueueError.leaseLost(taskID: lease.taskID, reason: "the task is \(task.state.rawValue)") }
        return renewed
    }

    @discardableResult
    public func complete(_ lease: Lease, result: String, effects: [QueueEffect]) async throws -> QueueTask {
        let date = millisecondsNow
        return try await immediate { db in
            try Self.complete(db, Completion(lease: lease, result: result, effects: effects), at: date)
        }
    }

    public func completeAll(_ completions: [Completion]) async throws -> [Result<QueueTask, QueueError>] {
        let date = millisecondsNow
        return try await immediate { db in
            try completions.map { completion in
                do {
                    return .success(try Self.complete(db, completion, at: date))
                } catch let error as QueueError {
                    guard case .leaseLost = error else { throw error }
                    return .failure(error)
                }
            }
        }
    }

    /// Completes one task inside a transaction, fenced, with its effects.
    private static func complete(_ db: Database, _ completion: Completion, at date: Int64) throws -> QueueTask {
        let lease = completion.lease
        let task = try fenced(db, lease, at: date, sql: """
            UPDATE queue_task SET state = 'completed', result = ?, finished_at = ?,
                                  lease_worker = NULL, lease_expires_at = NULL
            """, arguments: [completion.result, date])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO queue_effect (task_id, key, detail, token, applied_at) VALUES (?, ?, ?, ?, ?)
            """)
        for effect in completion.effects {
            try insert.execute(arguments: [lease.taskID, effect.key, effect.detail, lease.token, date])
        }
        return task
    }

    @discardableResult
    public func fail(_ lease: Lease, error: String, retryAfter: Duration?) async throws -> QueueTask {
        let date = millisecondsNow
        let policy = self.policy
        let random = self.random
        return try await immediate { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_task WHERE id = ?"), arguments: [lease.taskID]) else {
                throw QueueError.leaseLost(taskID: lease.taskID, reason: "the task is gone")
            }
            let current = try Self.task(row)
            if let reason = QueueRules.fenceViolation(lease, task: current, now: Date(queueMilliseconds: date)) {
                throw QueueError.leaseLost(taskID: lease.taskID, reason: reason)
            }
            if current.attempts >= current.maxAttempts {
                return try Self.fenced(db, lease, at: date, sql: """
                    UPDATE queue_task SET state = 'dead', last_error = ?, finished_at = ?,
                                          lease_worker = NULL, lease_expires_at = NULL
                    """, arguments: [error, date])
            }
            var wait = policy.backoff(afterAttempt: current.attempts, random: random)
            if let retryAfter, retryAfter > wait { wait = retryAfter }
            let runAt = date + Int64((wait.timeInterval * 1000).rounded())
            return try Self.fenced(db, lease, at: date, sql: """
                UPDATE queue_task SET state = 'retrying', last_error = ?, run_at = ?,
                                      lease_worker = NULL, lease_expires_at = NULL
                """, arguments: [error, runAt])
        }
    }

    public func rescueExpired() async throws -> [String] {
        let date = millisecondsNow
        return try await immediate { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                UPDATE queue_task
                SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'retrying' END,
                    finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
                    run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE ? END,
                    last_error = 'the lease expired: the worker stopped sending heartbeats',
                    lease_worker = NULL, lease_expires_at = NULL
                WHERE state = 'running' AND lease_expires_at <= ?
                RETURNING seq, id
                """), arguments: [date, date, date])
            return rows.sorted { ($0["seq"] as Int64) < ($1["seq"] as Int64) }.map { $0["id"] as String }
        }
    }

    // MARK: - Managing

    @discardableResult
    public func cancel(id: String) async throws -> QueueTask {
        let date = millisecondsNow
        return try await immediate { db in
            if let row = try Row.fetchOne(db.cachedStatement(sql: """
                UPDATE queue_task SET state = 'cancelled', finished_at = ?, lease_worker = NULL, lease_expires_at = NULL
                WHERE id = ? AND state NOT IN ('completed', 'dead', 'cancelled')
                RETURNING *
                """), arguments: [date, id]) {
                return try Self.task(row)
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM queue_task WHERE id = ?", arguments: [id]) else {
                throw QueueError.taskNotFound(id: id)
            }
            return try Self.task(row)
        }
    }

    @discardableResult
    public func requeue(id: String) async throws -> QueueTask {
        let date = millisecondsNow
        return try await immediate { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM queue_task WHERE id = ?", arguments: [id]) else {
                throw QueueError.taskNotFound(id: id)
            }
            let task = try Self.task(row)
            guard task.state == .dead || task.state == .cancelled else {
                throw QueueError.notRequeueable(id: id, state: task.state)
            }
            guard let updated = try Row.fetchOne(db, sql: """
                UPDATE queue_task SET state = 'available', attempts = 0, run_at = ?, finished_at = NULL
                WHERE id = ? RETURNING *
                """, arguments: [date, id]) else { throw QueueError.taskNotFound(id: id) }
            return try Self.task(updated)
        }
    }

    public func task(id: String) async throws -> QueueTask? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM queue_task WHERE id = ?", arguments: [id]).map(Self.task)
        }
    }

    public func counts() async throws -> QueueCounts {
        try await read { db in
            var counts = QueueCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM queue_task GROUP BY state") {
                let name: String = row["state"]
                guard let state = QueueTask.State(rawValue: name) else {
                    throw QueueError.storage(path: db.description, reason: "unknown state \"\(name)\"")
                }
                counts[state] = row["n"]
            }
            return counts
        }
    }

    public func deadLetters(limit: Int) async throws -> [QueueTask] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM queue_task WHERE state = 'dead' ORDER BY finished_at DESC, seq DESC LIMIT ?
                """, arguments: [max(0, limit)]).map(Self.task)
        }
    }

    public func prune(finishedBefore date: Date) async throws -> Int {
        let cutoff = date.queueMilliseconds
        return try await immediate { db in
            try db.execute(sql: """
                DELETE FROM queue_task WHERE state IN ('completed', 'cancelled') AND finished_at < ?
                """, arguments: [cutoff])
            return db.changesCount
        }
    }

    public func appliedEffects() async throws -> [AppliedEffect] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM queue_effect ORDER BY seq").map { row in
                AppliedEffect(
                    taskID: row["task_id"], effect: QueueEffect(key: row["key"], detail: row["detail"]),
                    token: row["token"], appliedAt: Date(queueMilliseconds: row["applied_at"]))
            }
        }
    }
}

// MARK: - Transactions and fencing

extension SQLiteTaskQueue {
    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back
    /// when it throws.
    private func immediate<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                guard let value else { throw QueueError.storage(path: db.description, reason: "the transaction returned nothing") }
                return value
            }
        } catch {
            throw Self.queueError(error, path: dbWriter.path)
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await dbWriter.read(body)
        } catch {
            throw Self.queueError(error, path: dbWriter.path)
        }
    }

    /// A fenced change in a transaction of its own.
    private func fencedUpdate(_ lease: Lease, at date: Int64, sql: String, arguments: StatementArguments) async throws -> QueueTask {
        try await immediate { db in try Self.fenced(db, lease, at: date, sql: sql, arguments: arguments) }
    }

    /// Applies `sql` (an `UPDATE queue_task SET …` without `WHERE`) to the task of `lease` only if
    /// the lease is current at `date`; otherwise throws `leaseLost` with the reason.
    private static func fenced(_ db: Database, _ lease: Lease, at date: Int64, sql: String, arguments: StatementArguments) throws -> QueueTask {
        let guarded = sql + """
             WHERE id = ? AND state = 'running' AND lease_version = ? AND lease_worker = ? AND lease_expires_at > ?
            RETURNING *
            """
        var all = arguments
        all += [lease.taskID, lease.token, lease.worker, date]
        if let row = try Row.fetchOne(db.cachedStatement(sql: guarded), arguments: all) {
            return try task(row)
        }
        let current = try Row.fetchOne(db, sql: "SELECT * FROM queue_task WHERE id = ?", arguments: [lease.taskID]).map(task)
        let reason = QueueRules.fenceViolation(lease, task: current, now: Date(queueMilliseconds: date)) ?? "it changed meanwhile"
        throw QueueError.leaseLost(taskID: lease.taskID, reason: reason)
    }

    /// A task from a `queue_task` row.
    static func task(_ row: Row) throws -> QueueTask {
        let name: String = row["state"]
        guard let state = QueueTask.State(rawValue: name) else {
            throw QueueError.storage(path: "queue_task", reason: "task \(row["id"] as String? ?? "?") has an unknown state \"\(name)\"")
        }
        let id: String = row["id"]
        let version: Int = row["lease_version"]
        let worker: String? = row["lease_worker"]
        let expiry: Int64? = row["lease_expires_at"]
        return QueueTask(
            id: id, payload: row["payload"], priority: row["priority"], state: state,
            attempts: row["attempts"], maxAttempts: row["max_attempts"],
            runAt: Date(queueMilliseconds: row["run_at"]), enqueuedAt: Date(queueMilliseconds: row["enqueued_at"]),
            idempotencyKey: row["idempotency_key"], leaseVersion: version,
            lease: worker.flatMap { worker in expiry.map { Lease(taskID: id, worker: worker, token: version, expiresAt: Date(queueMilliseconds: $0)) } },
            result: row["result"], lastError: row["last_error"],
            finishedAt: (row["finished_at"] as Int64?).map(Date.init(queueMilliseconds:)))
    }

    static func queueError(_ error: any Error, path: String) -> QueueError {
        switch error {
        case let error as QueueError: error
        case let error as DatabaseError: .storage(path: path, reason: error.message ?? "\(error)")
        default: .storage(path: path, reason: "\(error)")
        }
    }

    /// The queue's schema. A released migration is never edited; changes are new migrations.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("queue-v1-create") { db in
            try db.execute(sql: """
                CREATE TABLE queue_task (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    max_attempts INTEGER NOT NULL,
                    run_at INTEGER NOT NULL,
                    enqueued_at INTEGER NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    lease_version INTEGER NOT NULL,
                    lease_worker TEXT,
                    lease_expires_at INTEGER,
                    result TEXT,
                    last_error TEXT,
                    finished_at INTEGER
                );
                CREATE INDEX queue_task_claim ON queue_task (priority DESC, run_at, seq)
                    WHERE state IN ('available', 'retrying');
                CREATE INDEX queue_task_lease ON queue_task (lease_expires_at) WHERE state = 'running';
                CREATE INDEX queue_task_state ON queue_task (state, finished_at);
                CREATE TABLE queue_effect (
                    seq INTEGER PRIMARY KEY,
                    task_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    token INTEGER NOT NULL,
                    applied_at INTEGER NOT NULL
                );
                CREATE INDEX queue_effect_task ON queue_effect (task_id);
                """)
        }
        return migrator
    }
}
