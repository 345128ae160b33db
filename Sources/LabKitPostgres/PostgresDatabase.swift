import Foundation
import LabKit
import Logging
import PostgresNIO

/// A pool of connections to one PostgreSQL database, shared by the stores and queues built on it.
///
/// The pool runs until ``shutdown()``; connections are opened on demand, and a connection the
/// server cut (a restart, a network cut) is replaced by a new one on the next use. Every value
/// reaches the server as a bind parameter; only a schema name, checked to be a plain identifier,
/// is written into the SQL text.
///
/// ```swift
/// let database = try PostgresDatabase(url: "postgres://labs@127.0.0.1:55432/labs")
/// let queue = try await PostgresTaskQueue(database: database, now: { Date() })
/// …
/// await database.shutdown()
/// ```
public final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// Where the database is, without a password: for messages.
    public let location: String
    private let running: Task<Void, Never>

    /// Connects to the database at a `postgres://user[:password]@host[:port]/database` URL.
    /// - Parameters:
    ///   - maximumConnections: The most connections the pool opens at once.
    ///   - logger: Where notes go: operations tried again after a cut connection (`notice`); the
    ///     pool's own notes at `error` and above only.
    /// - Throws: ``PostgresURLError`` for a URL that is not of that form.
    public init(url: String, maximumConnections: Int = 8, logger: Logger = Logger(label: "labkit.postgres")) throws(PostgresURLError) {
        let parsed = try PostgresURL(url)
        var configuration = PostgresClient.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: .disable)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = .seconds(5)
        // The pool's own notes (such as a lease asked for before `run()` began) only at `error`.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.logger = logger
        self.location = parsed.redacted
        running = Task { await client.run() }
    }

    /// Closes every connection; the database cannot be used afterwards.
    public func shutdown() async {
        running.cancel()
        await running.value
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws, with the body's own error rethrown.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }

    /// Runs one statement and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await client.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    /// Applies, in order, the named migrations not yet applied to `schema` (created when
    /// missing). Processes that start together take turns: each migration runs under a lock on
    /// the schema, and a migration already recorded is skipped.
    func migrate(schema: SQLIdentifier, _ migrations: [Migration]) async throws {
        try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema.name)))", logger: logger)
            try await connection.query("CREATE SCHEMA IF NOT EXISTS \(unescaped: schema.quoted)", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS \(unescaped: schema.quoted).labkit_migration (
                    name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<String> = []
            for try await name in try await connection.query(
                "SELECT name FROM \(unescaped: schema.quoted).labkit_migration", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements(schema.quoted) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO \(unescaped: schema.quoted).labkit_migration (name) VALUES (\(migration.name))", logger: logger)
            }
        }
    }
}

/// One named step of a schema's history. A released migration is never edited: a change to the
/// schema is a new migration appended after it.
struct Migration: Sendable {
    let name: String
    /// The statements, for a schema name already quoted.
    let statements: @Sendable (_ schema: String) -> [String]
}

/// A schema or table name that may be written into SQL text: lower-case letters, digits and
/// underscores, starting with a letter, at most 63 characters.
public struct SQLIdentifier: Sendable, Hashable, CustomStringConvertible {
    public let name: String

    /// - Throws: ``PostgresURLError/invalidIdentifier(_:)`` for any other name.
    public init(_ name: String) throws(PostgresURLError) {
        let scalars = name.unicodeScalars
        let plain = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        guard let first = scalars.first, ("a"..."z").contains(first), plain, scalars.count <= 63 else {
            throw .invalidIdentifier(name)
        }
        self.name = name
    }

    var quoted: String { "\"\(name)\"" }
    public var description: String { name }
}
