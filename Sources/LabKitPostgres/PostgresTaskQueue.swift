import Foundation
import LabKit
import Logging
import PostgresNIO

/// A ``TaskQueue`` in a PostgreSQL database that workers on several hosts share: chapter 21's
/// queue when one machine is not enough.
///
/// - **Claiming** is one statement: `SELECT … FOR UPDATE SKIP LOCKED` picks up to `limit`
///   claimable rows in claim order, skipping rows another worker's claim is locking at that
///   moment, and the `UPDATE … RETURNING` around it leases them. Concurrent workers never wait
///   for each other and never get the same task.
/// - **Fencing** is in the `WHERE` of every change a worker makes: its task id, `running`, its
///   token, its name, and an expiry after now. A worker cut off for longer than its lease comes
///   back to a refusal (``QueueError/leaseLost(taskID:reason:)``), whatever its connection did.
/// - **Effects** are inserted in the transaction that completes the task: both or neither.
/// - **Waking**: every enqueue, rescue and requeue sends `NOTIFY` on the queue's channel when it
///   commits; ``waitForWork(upTo:)`` returns as soon as one arrives, so idle workers need not
///   poll hard.
/// - **Reconnecting**: an operation whose connection was cut (a server restart), or that lost a
///   deadlock or serialization race, is tried again on a new connection for up to 30 s, waiting
///   on `clock`. Every retried operation is safe to repeat: changes are fenced, a batch enqueue is
///   retried only when every task has an idempotency key, and a claim whose answer was lost is
///   rescued when its lease expires.
///
/// Time comes from `now` (the rules read no server clock), so a manual clock drives the
/// contract suite as it does for the other backends. Dates are stored as milliseconds since 1970.
///
/// ```swift
/// let database = try PostgresDatabase(url: url)
/// let queue = try await PostgresTaskQueue(database: database, now: { Date() }, clock: ContinuousClock())
/// try await queue.enqueue(NewQueueTask(payload: "summarise ticket 7", idempotencyKey: "ticket-7"))
/// ```
public struct PostgresTaskQueue: TaskQueue, WakingTaskQueue {
    let database: PostgresDatabase
    let schema: SQLIdentifier
    private let now: Now
    private let ids: (@Sendable () -> String)?
    private let policy: QueuePolicy
    private let random: SeededRandom
    private let clock: any Clock<Duration>
    private let listener: NotificationListener

    /// Creates a queue in `schema` (created when missing) and migrates it.
    /// - Parameters:
    ///   - database: The connection pool.
    ///   - schema: The schema that holds the queue's tables; one database may hold several queues.
    ///   - now: The wall clock leases and schedules are read from.
    ///   - ids: Makes each new task's id; `nil` numbers them from the database (`task-1`, …),
    ///     unique across every process sharing the queue.
    ///   - policy: Attempts and backoff.
    ///   - seed: Seeds the jitter of the backoff.
    ///   - clock: What ``waitForWork(upTo:)`` and reconnecting wait on.
    /// - Throws: ``QueueError/storage(path:reason:)``.
    public init(database: PostgresDatabase, schema: String = "labkit_queue", now: @escaping Now,
                ids: (@Sendable () -> String)? = nil, policy: QueuePolicy = QueuePolicy(), seed: UInt64 = 0,
                clock: any Clock<Duration>) async throws {
        let identifier: SQLIdentifier
        do {
            identifier = try SQLIdentifier(schema)
        } catch {
            throw QueueError.invalidRequest(error.description)
        }
        let schema = identifier
        self.database = database
        self.schema = schema
        self.now = now
        self.ids = ids
        self.policy = policy
        self.random = SeededRandom(seed: seed)
        self.clock = clock
        self.listener = NotificationListener(database: database, channel: "\(schema.name)_ready", clock: clock)
        do {
            try await database.retrying(clock: clock) { try await database.migrate(schema: schema, Self.migrations) }
        } catch {
            throw Self.queueError(error, database: database)
        }
    }

    private var table: String { "\(schema.quoted).queue_task" }
    private var effects: String { "\(schema.quoted).queue_effect" }
    private var millisecondsNow: Int64 { now().queueMilliseconds }

    // MARK: - Producing

    @discardableResult
    public func enqueue(_ requests: [NewQueueTask]) async throws -> [Enqueued] {
        let prepared = try requests.map { request throws(QueueError) in
            (request, try QueueRules.maxAttempts(of: request, policy: policy), ids?())
        }
        let date = millisecondsNow
        let table = self.table
        let channel = listener.channel
        // Without a key, a retried enqueue whose first commit went through would store the task twice.
        let repeatable = requests.allSatisfy { $0.idempotencyKey != nil }
        return try await run(repeatable: repeatable, transaction: true) { connection, logger in
            var results: [Enqueued] = []
            for (request, maxAttempts, id) in prepared {
                let runAt = request.runAt?.queueMilliseconds ?? date
                let inserted = try await Self.rows(connection, logger, """
                    WITH next AS (SELECT nextval(\(table + "_seq_seq")::regclass) AS seq)
                    INSERT INTO \(unescaped: table) (seq, id, payload, priority, state, attempts, max_attempts, run_at,
                                                     enqueued_at, idempotency_key, lease_version)
                    SELECT next.seq, COALESCE(\(id), 'task-' || next.seq), \(request.payload), \(request.priority),
                           'available', 0, \(maxAttempts), \(runAt), \(date), \(request.idempotencyKey), 0
                    FROM next
                    ON CONFLICT (idempotency_key) DO NOTHING
                    RETURNING *
                    """)
                if let row = inserted.first {
                    results.append(Enqueued(task: try Self.task(row), isNew: true))
                    continue
                }
                let existing = try await Self.rows(connection, logger, """
                    SELECT * FROM \(unescaped: table) WHERE idempotency_key = \(request.idempotencyKey)
                    """)
                guard let row = existing.first else {
                    throw QueueError.storage(path: table, reason: "the insert of \(request.payload.prefix(40)) stored nothing")
                }
                results.append(Enqueued(task: try Self.task(row), isNew: false))
            }
            if results.contains(where: \.isNew) {
                try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger)
            }
            return results
        }
    }

    // MARK: - Working

    public func claim(worker: String, leaseFor: Duration, limit: Int) async throws -> [Claim] {
        try QueueRules.validateClaim(leaseFor: leaseFor, limit: limit)
        let date = millisecondsNow
        let expiry = date + Int64((leaseFor.timeInterval * 1000).rounded())
        let table = self.table
        let rows = try await statement(repeatable: true, """
            WITH picked AS (
                SELECT seq FROM \(unescaped: table)
                WHERE state IN ('available', 'retrying') AND run_at <= \(date)
                ORDER BY priority DESC, run_at, seq
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            UPDATE \(unescaped: table) AS t
            SET state = 'running', attempts = t.attempts + 1, lease_version = t.lease_version + 1,
                lease_worker = \(worker), lease_expires_at = \(expiry)
            FROM picked WHERE t.seq = picked.seq
            RETURNING t.*
            """)
        let tasks = try rows.map { row in (try Self.task(row), try row["seq"].decode(Int64.self)) }
        return tasks
            .sorted { ($1.0.priority, $0.0.runAt, $0.1) < ($0.0.priority, $1.0.runAt, $1.1) }
            .compactMap { task, _ in task.lease.map { Claim(task: task, lease: $0) } }
    }

    public func heartbeat(_ lease: Lease, extendBy: Duration) async throws -> Lease {
        let date = millisecondsNow
        let expiry = date + Int64((extendBy.timeInterval * 1000).rounded())
        let task = try await run(repeatable: true) { connection, logger in
            try await fenced(connection, logger, lease, at: date, "UPDATE \(unescaped: table) SET lease_expires_at = \(expiry)")
        }
        guard let renewed = task.lease else { throw QueueError.leaseLost(taskID: lease.taskID, reason: "the task is \(task.state.rawValue)") }
        return renewed
    }

    @discardableResult
    public func complete(_ lease: Lease, result: String, effects applied: [QueueEffect]) async throws -> QueueTask {
        let date = millisecondsNow
        let completion = Completion(lease: lease, result: result, effects: applied)
        // Without effects the fenced update is the whole step: one statement, no transaction around it.
        return try await run(repeatable: true, transaction: !applied.isEmpty) { connection, logger in
            try await completeOne(connection, logger, completion, at: date)
        }
    }

    public func completeAll(_ completions: [Completion]) async throws -> [Result<QueueTask, QueueError>] {
        guard !completions.isEmpty else { return [] }
        let date = millisecondsNow
        guard Set(completions.map(\.lease.taskID)).count == completions.count else {
            // The same task twice: one at a time, so that only the first can succeed.
            return try await run(repeatable: true, transaction: true) { connection, logger in
                var results: [Result<QueueTask, QueueError>] = []
                for completion in completions {
                    do {
                        results.append(.success(try await completeOne(connection, logger, completion, at: date)))
                    } catch let error as QueueError {
                        guard case .leaseLost = error else { throw error }
                        results.append(.failure(error))
                    }
                }
                return results
            }
        }
        let table = self.table
        let effects = self.effects
        let leases = completions.map(\.lease)
        let withEffects = completions.flatMap { completion in completion.effects.map { (completion.lease, $0) } }
        // One statement: the fenced updates of every completion whose lease is current, and the
        // effects of those alone, in the order given.
        let rows = try await statement(repeatable: true, """
            WITH done AS (
                UPDATE \(unescaped: table) AS t
                SET state = 'completed', result = c.result, finished_at = \(date), lease_worker = NULL, lease_expires_at = NULL
                FROM unnest(\(leases.map(\.taskID))::text[], \(leases.map { Int64($0.token) })::int8[],
                            \(leases.map(\.worker))::text[], \(completions.map(\.result))::text[]) AS c(id, token, worker, result)
                WHERE t.id = c.id AND t.state = 'running' AND t.lease_version = c.token AND t.lease_worker = c.worker
                  AND t.lease_expires_at > \(date)
                RETURNING t.*),
            applied AS (
                INSERT INTO \(unescaped: effects) (task_id, key, detail, token, applied_at)
                SELECT e.task_id, e.key, e.detail, e.token, \(date)
                FROM unnest(\(withEffects.map(\.0.taskID))::text[], \(withEffects.map(\.1.key))::text[],
                            \(withEffects.map(\.1.detail))::text[], \(withEffects.map { Int64($0.0.token) })::int8[])
                     WITH ORDINALITY AS e(task_id, key, detail, token, n)
                JOIN done ON done.id = e.task_id
                ORDER BY e.n)
            SELECT * FROM done
            """)
        var completed: [String: QueueTask] = [:]
        for row in rows {
            let task = try Self.task(row)
            completed[task.id] = task
        }
        var results: [Result<QueueTask, QueueError>] = []
        for lease in leases {
            if let task = completed[lease.taskID] {
                results.append(.success(task))
                continue
            }
            let current = try await task(id: lease.taskID)
            let reason = QueueRules.fenceViolation(lease, task: current, now: Date(queueMilliseconds: date)) ?? "it changed meanwhile"
            results.append(.failure(.leaseLost(taskID: lease.taskID, reason: reason)))
        }
        return results
    }

    /// Completes one task, fenced, and records its effects, on a connection (in a transaction
    /// when there are effects).
    private func completeOne(_ connection: PostgresConnection, _ logger: Logger, _ completion: Completion,
                             at date: Int64) async throws -> QueueTask {
        let lease = completion.lease
        let task = try await fenced(connection, logger, lease, at: date, """
            UPDATE \(unescaped: table) SET state = 'completed', result = \(completion.result), finished_at = \(date),
                                           lease_worker = NULL, lease_expires_at = NULL
            """)
        if !completion.effects.isEmpty {
            try await connection.query("""
                INSERT INTO \(unescaped: effects) (task_id, key, detail, token, applied_at)
                SELECT \(lease.taskID), key, detail, \(lease.token), \(date)
                FROM unnest(\(completion.effects.map(\.key))::text[], \(completion.effects.map(\.detail))::text[])
                     WITH ORDINALITY AS e(key, detail, n)
                ORDER BY n
                """, logger: logger)
        }
        return task
    }

    @discardableResult
    public func fail(_ lease: Lease, error: String, retryAfter: Duration?) async throws -> QueueTask {
        let date = millisecondsNow
        let policy = self.policy
        let random = self.random
        let table = self.table
        return try await run(repeatable: true, transaction: true) { connection, logger in
            let rows = try await Self.rows(connection, logger, "SELECT * FROM \(unescaped: table) WHERE id = \(lease.taskID) FOR UPDATE")
            let current = try rows.first.map(Self.task)
            if let reason = QueueRules.fenceViolation(lease, task: current, now: Date(queueMilliseconds: date)) {
                throw QueueError.leaseLost(taskID: lease.taskID, reason: reason)
            }
            guard let current else { throw QueueError.leaseLost(taskID: lease.taskID, reason: "the task is gone") }
            if current.attempts >= current.maxAttempts {
                return try await fenced(connection, logger, lease, at: date, """
                    UPDATE \(unescaped: table) SET state = 'dead', last_error = \(error), finished_at = \(date),
                                                   lease_worker = NULL, lease_expires_at = NULL
                    """)
            }
            var wait = policy.backoff(afterAttempt: current.attempts, random: random)
            if let retryAfter, retryAfter > wait { wait = retryAfter }
            let runAt = date + Int64((wait.timeInterval * 1000).rounded())
            return try await fenced(connection, logger, lease, at: date, """
                UPDATE \(unescaped: table) SET state = 'retrying', last_error = \(error), run_at = \(runAt),
                                               lease_worker = NULL, lease_expires_at = NULL
                """)
        }
    }

    public func rescueExpired() async throws -> [String] {
        let date = millisecondsNow
        let table = self.table
        let channel = listener.channel
        let rows = try await run(repeatable: true, transaction: true) { connection, logger in
            // SKIP LOCKED: a row another rescuer (or its own worker) is changing is left to them,
            // so that rescuers on several hosts never wait for, or deadlock with, each other.
            let rows = try await Self.rows(connection, logger, """
                WITH expired AS (
                    SELECT seq FROM \(unescaped: table)
                    WHERE state = 'running' AND lease_expires_at <= \(date)
                    FOR UPDATE SKIP LOCKED)
                UPDATE \(unescaped: table) AS t
                SET state = CASE WHEN t.attempts >= t.max_attempts THEN 'dead' ELSE 'retrying' END,
                    finished_at = CASE WHEN t.attempts >= t.max_attempts THEN \(date) ELSE NULL END,
                    run_at = CASE WHEN t.attempts >= t.max_attempts THEN t.run_at ELSE \(date) END,
                    last_error = 'the lease expired: the worker stopped sending heartbeats',
                    lease_worker = NULL, lease_expires_at = NULL
                FROM expired WHERE t.seq = expired.seq
                RETURNING t.seq, t.id
                """)
            if !rows.isEmpty { try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger) }
            return rows
        }
        return try rows
            .map { (try $0["seq"].decode(Int64.self), try $0["id"].decode(String.self)) }
            .sorted { $0.0 < $1.0 }
            .map(\.1)
    }

    // MARK: - Managing

    @discardableResult
    public func cancel(id: String) async throws -> QueueTask {
        let date = millisecondsNow
        let table = self.table
        return try await run(repeatable: true, transaction: true) { connection, logger in
            if let row = try await Self.rows(connection, logger, """
                UPDATE \(unescaped: table) SET state = 'cancelled', finished_at = \(date), lease_worker = NULL, lease_expires_at = NULL
                WHERE id = \(id) AND state NOT IN ('completed', 'dead', 'cancelled')
                RETURNING *
                """).first {
                return try Self.task(row)
            }
            guard let row = try await Self.rows(connection, logger, "SELECT * FROM \(unescaped: table) WHERE id = \(id)").first else {
                throw QueueError.taskNotFound(id: id)
            }
            return try Self.task(row)
        }
    }

    @discardableResult
    public func requeue(id: String) async throws -> QueueTask {
        let date = millisecondsNow
        let table = self.table
        let channel = listener.channel
        return try await run(repeatable: true, transaction: true) { connection, logger in
            guard let row = try await Self.rows(connection, logger, "SELECT * FROM \(unescaped: table) WHERE id = \(id) FOR UPDATE").first else {
                throw QueueError.taskNotFound(id: id)
            }
            let task = try Self.task(row)
            guard task.state == .dead || task.state == .cancelled else {
                throw QueueError.notRequeueable(id: id, state: task.state)
            }
            guard let updated = try await Self.rows(connection, logger, """
                UPDATE \(unescaped: table) SET state = 'available', attempts = 0, run_at = \(date), finished_at = NULL
                WHERE id = \(id) RETURNING *
                """).first else { throw QueueError.taskNotFound(id: id) }
            try await connection.query("SELECT pg_notify(\(channel), '')", logger: logger)
            return try Self.task(updated)
        }
    }

    public func task(id: String) async throws -> QueueTask? {
        try await statement(repeatable: true, "SELECT * FROM \(unescaped: table) WHERE id = \(id)").first.map(Self.task)
    }

    public func counts() async throws -> QueueCounts {
        var counts = QueueCounts()
        for row in try await statement(repeatable: true, "SELECT state, COUNT(*) AS n FROM \(unescaped: table) GROUP BY state") {
            let name = try row["state"].decode(String.self)
            guard let state = QueueTask.State(rawValue: name) else {
                throw QueueError.storage(path: table, reason: "unknown state \"\(name)\"")
            }
            counts[state] = try row["n"].decode(Int.self)
        }
        return counts
    }

    public func deadLetters(limit: Int) async throws -> [QueueTask] {
        try await statement(repeatable: true, """
            SELECT * FROM \(unescaped: table) WHERE state = 'dead' ORDER BY finished_at DESC, seq DESC LIMIT \(max(0, limit))
            """).map(Self.task)
    }

    public func prune(finishedBefore date: Date) async throws -> Int {
        let rows = try await statement(repeatable: true, """
            DELETE FROM \(unescaped: table) WHERE state IN ('completed', 'cancelled') AND finished_at < \(date.queueMilliseconds)
            RETURNING seq
            """)
        return rows.count
    }

    public func appliedEffects() async throws -> [AppliedEffect] {
        try await statement(repeatable: true, "SELECT * FROM \(unescaped: effects) ORDER BY seq").map { row in
            AppliedEffect(
                taskID: try row["task_id"].decode(String.self),
                effect: QueueEffect(key: try row["key"].decode(String.self), detail: try row["detail"].decode(String.self)),
                token: try row["token"].decode(Int.self),
                appliedAt: Date(queueMilliseconds: try row["applied_at"].decode(Int64.self)))
        }
    }

    // MARK: - Waking

    /// Waits until work may have arrived (a `NOTIFY` of an enqueue, rescue or requeue on any
    /// host) or `timeout` has passed, whichever comes first. The first call starts listening on a
    /// connection of its own, kept (and reopened after a cut) while the queue is in use.
    public func waitForWork(upTo timeout: Duration) async throws {
        try await listener.wait(upTo: timeout)
    }
}

// MARK: - Statements, fencing, rows

extension PostgresTaskQueue {
    /// Runs `body` on one connection (in a transaction when asked), retried after a cut
    /// connection when `repeatable`; every failure becomes a ``QueueError``.
    private func run<T: Sendable>(
        repeatable: Bool, transaction: Bool = false,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let database = self.database
        do {
            return try await database.retrying(clock: repeatable ? clock : nil) {
                if transaction {
                    try await database.transaction { connection in try await body(connection, database.logger) }
                } else {
                    try await database.client.withConnection { connection in try await body(connection, database.logger) }
                }
            }
        } catch {
            throw Self.queueError(error, database: database)
        }
    }

    /// One statement on its own, as its own transaction.
    private func statement(repeatable: Bool, _ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await run(repeatable: repeatable) { connection, logger in try await Self.rows(connection, logger, query) }
    }

    static func rows(_ connection: PostgresConnection, _ logger: Logger, _ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    /// Applies `update` (an `UPDATE queue_task SET …` without `WHERE`) to the task of `lease` only
    /// if the lease is current at `date`; otherwise throws `leaseLost` with the reason.
    private func fenced(_ connection: PostgresConnection, _ logger: Logger, _ lease: Lease, at date: Int64,
                        _ update: PostgresQuery) async throws -> QueueTask {
        var guarded = update
        guarded.sql += " WHERE id = $\(update.binds.count + 1) AND state = 'running' AND lease_version = $\(update.binds.count + 2)"
            + " AND lease_worker = $\(update.binds.count + 3) AND lease_expires_at > $\(update.binds.count + 4) RETURNING *"
        guarded.binds.append(lease.taskID)
        guarded.binds.append(Int64(lease.token))
        guarded.binds.append(lease.worker)
        guarded.binds.append(date)
        if let row = try await Self.rows(connection, logger, guarded).first {
            return try Self.task(row)
        }
        let current = try await Self.rows(connection, logger, "SELECT * FROM \(unescaped: table) WHERE id = \(lease.taskID)").first.map(Self.task)
        let reason = QueueRules.fenceViolation(lease, task: current, now: Date(queueMilliseconds: date)) ?? "it changed meanwhile"
        throw QueueError.leaseLost(taskID: lease.taskID, reason: reason)
    }

    /// A task from a `queue_task` row.
    static func task(_ row: PostgresRandomAccessRow) throws -> QueueTask {
        let id = try row["id"].decode(String.self)
        let name = try row["state"].decode(String.self)
        guard let state = QueueTask.State(rawValue: name) else {
            throw QueueError.storage(path: "queue_task", reason: "task \(id) has an unknown state \"\(name)\"")
        }
        let version = try row["lease_version"].decode(Int.self)
        let worker = try row["lease_worker"].decode(String?.self)
        let expiry = try row["lease_expires_at"].decode(Int64?.self)
        return QueueTask(
            id: id, payload: try row["payload"].decode(String.self), priority: try row["priority"].decode(Int.self), state: state,
            attempts: try row["attempts"].decode(Int.self), maxAttempts: try row["max_attempts"].decode(Int.self),
            runAt: Date(queueMilliseconds: try row["run_at"].decode(Int64.self)),
            enqueuedAt: Date(queueMilliseconds: try row["enqueued_at"].decode(Int64.self)),
            idempotencyKey: try row["idempotency_key"].decode(String?.self), leaseVersion: version,
            lease: worker.flatMap { worker in expiry.map { Lease(taskID: id, worker: worker, token: version, expiresAt: Date(queueMilliseconds: $0)) } },
            result: try row["result"].decode(String?.self), lastError: try row["last_error"].decode(String?.self),
            finishedAt: try row["finished_at"].decode(Int64?.self).map(Date.init(queueMilliseconds:)))
    }

    static func queueError(_ error: any Error, database: PostgresDatabase) -> QueueError {
        switch error {
        case let error as QueueError: error
        default: .storage(path: database.location, reason: PostgresDatabase.describe(error))
        }
    }

    /// The queue's schema. A released migration is never edited; changes are new migrations.
    static let migrations = [
        Migration(name: "queue-v1-create") { schema in
            [
                """
                CREATE TABLE \(schema).queue_task (
                    seq BIGSERIAL PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    payload TEXT NOT NULL,
                    priority BIGINT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('available', 'running', 'retrying', 'completed', 'dead', 'cancelled')),
                    attempts BIGINT NOT NULL,
                    max_attempts BIGINT NOT NULL,
                    run_at BIGINT NOT NULL,
                    enqueued_at BIGINT NOT NULL,
                    idempotency_key TEXT UNIQUE,
                    lease_version BIGINT NOT NULL,
                    lease_worker TEXT,
                    lease_expires_at BIGINT,
                    result TEXT,
                    last_error TEXT,
                    finished_at BIGINT
                )
                """,
                """
                CREATE INDEX queue_task_claim ON \(schema).queue_task (priority DESC, run_at, seq)
                    WHERE state IN ('available', 'retrying')
                """,
                "CREATE INDEX queue_task_lease ON \(schema).queue_task (lease_expires_at) WHERE state = 'running'",
                "CREATE INDEX queue_task_state ON \(schema).queue_task (state, finished_at)",
                """
                CREATE TABLE \(schema).queue_effect (
                    seq BIGSERIAL PRIMARY KEY,
                    task_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    token BIGINT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX queue_effect_task ON \(schema).queue_effect (task_id)",
            ]
        },
    ]
}

extension PostgresTaskQueue {
    /// Deletes a queue: its schema and everything in it. For demos and benchmarks that start over.
    /// - Throws: ``QueueError/invalidRequest(_:)`` for a name that is not a plain identifier,
    ///   ``QueueError/storage(path:reason:)``.
    public static func dropSchema(_ name: String, database: PostgresDatabase) async throws {
        let schema: SQLIdentifier
        do {
            schema = try SQLIdentifier(name)
        } catch {
            throw QueueError.invalidRequest(error.description)
        }
        do {
            _ = try await database.rows("DROP SCHEMA IF EXISTS \(unescaped: schema.quoted) CASCADE")
        } catch {
            throw queueError(error, database: database)
        }
    }
}
