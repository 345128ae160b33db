import ArgumentParser
import Foundation
import LabKit
#if PostgreSQL
import LabKitPostgres
#endif

/// The demo's PostgreSQL queue (`--postgres URL`), in builds with the PostgreSQL trait
/// (`swift build --product ch21-production --traits PostgreSQL`). Without it, the option says how
/// to get it, and a lab build never compiles postgres-nio.
enum PostgresSupport {
    /// The schema that holds the demo's queue.
    static let schema = "ch21_queue"

    static var unavailable: ValidationError {
        ValidationError("""
            this build of ch21-production has no PostgreSQL: build it with \
            `swift build --product ch21-production --traits PostgreSQL` (or run it with `swift run --traits PostgreSQL ch21-production …`)
            """)
    }

    /// The URL without its password.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.password = nil
        return components.string ?? url
    }

    #if PostgreSQL
    static let subcommands: [any ParsableCommand.Type] = [PostgresBenchCommand.self, PostgresBenchWorkerCommand.self]

    /// Opens the demo's queue on the server at `url`: the wall clock, ids from the database,
    /// operations tried again for up to 30 s when the server restarts.
    static func openQueue(url: String, policy: QueuePolicy, seed: UInt64, schema: String = schema) async throws -> any TaskQueue {
        let database = try PostgresDatabase(url: url, maximumConnections: 8)
        return try await PostgresTaskQueue(database: database, schema: schema, now: { Date() }, policy: policy, seed: seed,
                                           clock: ContinuousClock())
    }

    /// Deletes the demo's queue (its schema) from the server.
    static func forgetQueue(url: String) async throws {
        let database = try PostgresDatabase(url: url, maximumConnections: 1)
        try await PostgresTaskQueue.dropSchema(schema, database: database)
        await database.shutdown()
    }
    #else
    static let subcommands: [any ParsableCommand.Type] = []

    static func openQueue(url: String, policy: QueuePolicy, seed: UInt64) async throws -> any TaskQueue {
        throw unavailable
    }

    static func forgetQueue(url: String) async throws {
        throw unavailable
    }
    #endif
}
