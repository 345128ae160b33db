import Foundation
import LabKit
import LabKitPostgres

/// The PostgreSQL server the suites run against: the URL in `AGENT_LABS_POSTGRES_URL`
/// (`scripts/postgres.sh start` prints one; `.ci/run` starts a server and sets it).
///
/// Without the variable every PostgreSQL test is skipped, and says so: Swift Testing lists each
/// as skipped with the reason, and the first look at the variable prints a line of its own.
enum PostgresTestServer {
    static let variable = "AGENT_LABS_POSTGRES_URL"

    static let url: String? = {
        let url = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        if url == nil {
            print("""
                ⚠️  \(variable) is not set: the PostgreSQL suites are SKIPPED, not passed. \
                Start a server with `scripts/postgres.sh start` and export the URL it prints.
                """)
        }
        return url
    }()

    static var isAvailable: Bool { url != nil }

    /// One pool for the whole test run (each case works in a schema of its own).
    static let database: PostgresDatabase? = url.flatMap { try? PostgresDatabase(url: $0, maximumConnections: 24) }

    /// A schema name no other case and no other run uses.
    static func freshSchema(_ prefix: String) -> String {
        "\(prefix)_\(ProcessInfo.processInfo.processIdentifier)_\(counter.next())"
    }

    private static let counter = SequenceCounter()

    /// The shared pool, or a failure naming the URL that did not work.
    static func requireDatabase() throws -> PostgresDatabase {
        guard let database else { throw SetupFailure(url: url ?? "") }
        return database
    }

    struct SetupFailure: Error, CustomStringConvertible {
        let url: String
        var description: String { "\(PostgresTestServer.variable)=\(url) is not a usable PostgreSQL URL" }
    }
}
