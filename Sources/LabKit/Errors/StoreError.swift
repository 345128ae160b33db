import Foundation

/// Errors raised by a ``StateStore``.
public enum StoreError: Error, CustomStringConvertible {
    /// The file or database exists but its content cannot be decoded. It was left untouched.
    case corrupt(path: String, reason: String)
    /// The file or database could not be read or written.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let reason):
            "state file \(path) is corrupt and was left untouched: \(reason)"
        case .io(let path, let reason):
            "cannot access state at \(path): \(reason)"
        }
    }
}
