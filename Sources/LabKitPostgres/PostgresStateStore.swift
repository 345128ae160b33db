import Foundation
import LabKit
import Logging
import PostgresNIO

/// A ``StateStore`` in a PostgreSQL database: the store a team moves to when one machine is not
/// enough, with the transactional step of chapter 11 (`SELECT … FOR UPDATE`).
///
/// Saves are upserts (`INSERT … ON CONFLICT (id) DO UPDATE`). Dates are `timestamptz`, written
/// and read as seconds since 1970, so a saved date comes back as the same `Date`. The schema is
/// built by named migrations when the store is created. Several processes, on several hosts, may
/// share one store.
///
/// ```swift
/// let store = try await PostgresStateStore(database: PostgresDatabase(url: url))
/// try await store.save(AgentTask(id: "deploy-42", input: "Deploy service X", createdAt: now()))
/// try await store.step(taskID: "deploy-42") { task in task.state = .running }
/// ```
public struct PostgresStateStore: TransactionalStateStore {
    private let database: PostgresDatabase
    private let schema: SQLIdentifier

    /// Creates a store in `schema` (created when missing) and migrates it.
    /// - Throws: ``StoreError/io(path:reason:)`` when the database cannot be reached or migrated,
    ///   or the schema name is not a plain identifier.
    public init(database: PostgresDatabase, schema: String = "labkit_state") async throws(StoreError) {
        do {
            self.schema = try SQLIdentifier(schema)
        } catch {
            throw .io(path: database.location, reason: error.description)
        }
        self.database = database
        let schema = self.schema
        do {
            try await database.migrate(schema: schema, Self.migrations)
        } catch {
            throw Self.storeError(error, database: database)
        }
    }

    private var table: String { "\(schema.quoted).agent_task" }

    public func save(_ task: AgentTask) async throws {
        try await access { database in
            try await database.client.withConnection { connection in
                try await Self.upsert(task, into: table, connection, database.logger)
            }
        }
    }

    public func task(id: String) async throws -> AgentTask? {
        try await access { database in
            try await database.rows("SELECT \(unescaped: Self.columns) FROM \(unescaped: table) WHERE id = \(id)").first.map(Self.task)
        }
    }

    public func tasks(in state: AgentTask.State) async throws -> [AgentTask] {
        try await access { database in
            try await database.rows("""
                SELECT \(unescaped: Self.columns) FROM \(unescaped: table) WHERE state = \(state.rawValue) ORDER BY created_at, id COLLATE "C"
                """).map(Self.task)
        }
    }

    /// The task's row is locked (`SELECT … FOR UPDATE`) from the read to the commit: a second
    /// step on the same task waits for the first one's commit and then sees what it saved.
    @discardableResult
    public func step(taskID: String, _ body: @Sendable (inout AgentTask) async throws -> Void) async throws -> AgentTask {
        let table = self.table
        let database = self.database
        do {
            return try await database.transaction { connection in
                var rows: [PostgresRandomAccessRow] = []
                for try await row in try await connection.query(
                    "SELECT \(unescaped: Self.columns) FROM \(unescaped: table) WHERE id = \(taskID) FOR UPDATE",
                    logger: database.logger) {
                    rows.append(row.makeRandomAccess())
                }
                guard var task = try rows.first.map(Self.task) else { throw LabError.taskNotFound(id: taskID) }
                try await body(&task)
                try await Self.upsert(task, into: table, connection, database.logger)
                return task
            }
        } catch let error as PSQLError {
            throw Self.storeError(error, database: database)
        }
    }

    // MARK: - Rows

    private static let columns = """
        id, input, state, result, error, attempts, \
        extract(epoch FROM created_at)::float8 AS created, extract(epoch FROM updated_at)::float8 AS updated
        """

    private static func upsert(_ task: AgentTask, into table: String, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO \(unescaped: table) (id, input, state, result, error, attempts, created_at, updated_at)
            VALUES (\(task.id), \(task.input), \(task.state.rawValue), \(task.result), \(task.error), \(task.attempts),
                    to_timestamp(\(task.createdAt.timeIntervalSince1970)), to_timestamp(\(task.updatedAt.timeIntervalSince1970)))
            ON CONFLICT (id) DO UPDATE SET
                input = EXCLUDED.input, state = EXCLUDED.state, result = EXCLUDED.result, error = EXCLUDED.error,
                attempts = EXCLUDED.attempts, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
            """, logger: logger)
    }

    private static func task(_ row: PostgresRandomAccessRow) throws -> AgentTask {
        let id = try row["id"].decode(String.self)
        let name = try row["state"].decode(String.self)
        guard let state = AgentTask.State(rawValue: name) else {
            throw StoreError.corrupt(path: "agent_task", reason: "task \"\(id)\" has an unknown state \"\(name)\"")
        }
        return AgentTask(
            id: id, input: try row["input"].decode(String.self), state: state,
            result: try row["result"].decode(String?.self), error: try row["error"].decode(String?.self),
            attempts: try row["attempts"].decode(Int.self),
            createdAt: Date(timeIntervalSince1970: try row["created"].decode(Double.self)),
            updatedAt: Date(timeIntervalSince1970: try row["updated"].decode(Double.self)))
    }

    /// Runs a database access, turning every failure into a ``StoreError`` naming the database.
    private func access<T: Sendable>(_ body: (PostgresDatabase) async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body(database)
        } catch {
            throw Self.storeError(error, database: database)
        }
    }

    static func storeError(_ error: any Error, database: PostgresDatabase) -> StoreError {
        switch error {
        case let error as StoreError: error
        case is PostgresDecodingError: .corrupt(path: database.location, reason: "a row cannot be decoded: \(error)")
        default: .io(path: database.location, reason: PostgresDatabase.describe(error))
        }
    }

    /// The store's schema. A released migration is never edited; changes are new migrations.
    static let migrations = [
        Migration(name: "state-v1-create-tasks") { schema in
            [
                """
                CREATE TABLE \(schema).agent_task (
                    id TEXT PRIMARY KEY,
                    input TEXT NOT NULL,
                    state TEXT NOT NULL,
                    result TEXT,
                    error TEXT,
                    attempts BIGINT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                )
                """,
                "CREATE INDEX agent_task_state ON \(schema).agent_task (state, created_at, id)",
            ]
        },
    ]
}
