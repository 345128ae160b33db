import Foundation

/// A `postgres://user[:password]@host[:port]/database` URL, taken apart.
struct PostgresURL: Sendable, Equatable {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String

    init(_ text: String) throws(PostgresURLError) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql" else { throw .notAPostgresURL(text) }
        guard let host = components.host, !host.isEmpty else { throw .missing("host", text) }
        guard let user = components.user, !user.isEmpty else { throw .missing("user name", text) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw .missing("database name", text) }
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
    }

    /// The URL without its password.
    var redacted: String { "postgres://\(user)@\(host):\(port)/\(database)" }
}

/// A PostgreSQL URL or name the kit cannot use.
public enum PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case notAPostgresURL(String)
    case missing(String, String)
    case invalidIdentifier(String)

    public var description: String {
        switch self {
        case .notAPostgresURL(let text):
            "\"\(text)\" is not a PostgreSQL URL: expected postgres://user@host:port/database"
        case .missing(let part, let text):
            "the PostgreSQL URL \"\(text)\" has no \(part): expected postgres://user@host:port/database"
        case .invalidIdentifier(let name):
            "\"\(name)\" cannot name a schema: use lower-case letters, digits and underscores, starting with a letter"
        }
    }
}
