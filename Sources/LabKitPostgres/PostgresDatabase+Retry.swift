import Foundation
import PostgresNIO

extension PostgresDatabase {
    /// How long an operation whose connection was cut is tried again: up to 30 s, in steps of
    /// 100 ms growing to 1 s (a server restart takes a few seconds).
    static let reconnectWithin = Duration.seconds(30)

    /// Runs `operation`; with a clock, runs it again after a cut connection, a server shutting
    /// down, a deadlock or a serialization failure (each of which rolled it back), until
    /// ``reconnectWithin`` has passed. Without a clock, runs it once.
    func retrying<T>(clock: (any Clock<Duration>)?, _ operation: () async throws -> T) async throws -> T {
        guard let clock else { return try await operation() }
        var waited = Duration.zero
        var step = Duration.milliseconds(100)
        while true {
            do {
                return try await operation()
            } catch where Self.isTransient(error) && waited < Self.reconnectWithin {
                logger.notice("PostgreSQL operation failed, trying again", metadata: ["error": "\(Self.describe(error))"])
                try await clock.sleep(for: step)
                waited += step
                step = min(step * 2, .seconds(1))
            }
        }
    }

    /// Whether the failure left nothing behind and may pass: the connection is gone, the server
    /// is shutting down or starting, or the transaction lost a deadlock or a serialization race.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state == "40P01" || state == "40001"
        default:
            return false
        }
    }

    /// What a failure says, in one line: the server's message and SQL state when it sent one.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo, let message = info[.message] {
            return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
        }
        return "PostgreSQL \(error.code)"
    }
}
