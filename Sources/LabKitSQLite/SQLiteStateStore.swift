import Foundation
import GRDB
import LabKit

/// A ``StateStore`` in an embedded SQLite database, through GRDB: the kit's default store.
///
/// A file database is opened in WAL mode, so readers never wait for the writer and a crash
/// never leaves a half-written task. The schema is created and upgraded by named migrations
/// when the store is created. Dates keep millisecond precision.
///
/// Several instances, in one process or several, may share one database file: each save is
/// one transaction, and every instance sees the others' saves.
///
/// ```swift
/// let store = try SQLiteStateStore(path: "state/tasks.sqlite")
/// try await store.save(AgentTask(id: "deploy-42", input: "Deploy service X", createdAt: now()))
/// let pending = try await store.tasks(in: .pending)
/// ```
public struct SQLiteStateStore: StateStore {
    /// Access to the database.
    private let dbWriter: any DatabaseWriter

    /// Creates a store on an open database, and migrates it to the current schema.
    ///
    /// - Parameter dbWriter: A `DatabasePool` for a file (WAL mode), or a `DatabaseQueue`.
    /// - Throws: ``StoreError/corrupt(path:reason:)`` when the file is not a usable database,
    ///   ``StoreError/io(path:reason:)`` when it cannot be accessed.
    public init(_ dbWriter: any DatabaseWriter) throws(StoreError) {
        self.dbWriter = dbWriter
        do {
            try Self.migrator.migrate(dbWriter)
        } catch {
            throw Self.storeError(error, path: dbWriter.path)
        }
    }

    /// Opens (or creates) the database file at `path`, in WAL mode, and migrates it.
    ///
    /// A file that is not an SQLite database is reported and left untouched. A write waits up
    /// to five seconds for another process (or store) that is writing to the same file.
    ///
    /// - Parameter path: The database file. Missing parent directories are created.
    /// - Throws: ``StoreError/corrupt(path:reason:)`` when the file is not a usable database,
    ///   ``StoreError/io(path:reason:)`` when it cannot be opened.
    public init(path: String) throws(StoreError) {
        try AtomicFile.createDirectory(containing: path)
        let pool: DatabasePool
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.storeError(error, path: path)
        }
        try self.init(pool)
    }

    /// Creates a store in a fresh in-memory database, gone when the store is.
    ///
    /// - Throws: ``StoreError`` if SQLite cannot create the database.
    public static func inMemory() throws(StoreError) -> SQLiteStateStore {
        do {
            return try SQLiteStateStore(DatabaseQueue())
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: ":memory:")
        }
    }

    public func save(_ task: AgentTask) async throws {
        let record = TaskRecord(task)
        try await access(write: true) { db in try record.upsert(db) }
    }

    public func task(id: String) async throws -> AgentTask? {
        let path = dbWriter.path
        return try await access { db in
            try TaskRecord.fetchOne(db, key: id)?.task(path: path)
        }
    }

    public func tasks(in state: AgentTask.State) async throws -> [AgentTask] {
        let path = dbWriter.path
        return try await access { db in
            try TaskRecord
                .filter { $0.state == state.rawValue }
                .order { [$0.createdAt, $0.id] }
                .fetchAll(db)
                .map { try $0.task(path: path) }
        }
    }

    /// The SQLite journal mode of the database, such as `wal` or `memory`.
    package func journalMode() async throws -> String {
        try await access { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Runs a database access, turning every failure into a ``StoreError`` naming the path.
    private func access<T: Sendable>(
        write: Bool = false,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return write ? try await dbWriter.write(body) : try await dbWriter.read(body)
        } catch {
            throw Self.storeError(error, path: dbWriter.path)
        }
    }
}

// MARK: - Schema

extension SQLiteStateStore {
    /// The migrations that build the schema. A released migration is never edited: a change
    /// to the schema is a new migration appended here.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-create-tasks") { db in
            try db.create(table: "task") { t in
                t.primaryKey("id", .text)
                t.column("input", .text).notNull()
                t.column("state", .text).notNull()
                t.column("result", .text)
                t.column("error", .text)
                t.column("attempts", .integer).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(indexOn: "task", columns: ["state", "created_at"])
        }
        return migrator
    }
}

// MARK: - Errors

extension SQLiteStateStore {
    /// Classifies a failure: content SQLite or the decoder cannot make sense of is `corrupt`,
    /// anything else is `io`.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError
        where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT:
            return .corrupt(path: path, reason: "not a usable SQLite database (\(error.message ?? "\(error)"))")
        case let error as DatabaseError:
            return .io(path: path, reason: error.message ?? "\(error)")
        case is DecodingError, is RowDecodingError:
            return .corrupt(path: path, reason: "a row cannot be decoded: \(error)")
        default:
            return .io(path: path, reason: "\(error)")
        }
    }
}
