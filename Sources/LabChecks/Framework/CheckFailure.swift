import Foundation

/// Thrown by a check when the implementation breaks the contract.
///
/// The message states what was expected and what happened, for example
/// `expected sleeps [1s, 2s], got [1s, 1s]`.
public struct CheckFailure: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Fails the check unless `actual` equals `expected`.
/// - Parameters:
///   - actual: What the implementation produced.
///   - expected: What the contract asks for.
///   - what: A short noun phrase naming the value, as in `"sleeps"`.
/// - Throws: ``CheckFailure`` with the message `expected <what> <expected>, got <actual>`.
public func expect<T: Equatable>(_ actual: T, equals expected: T, _ what: String) throws {
    guard actual == expected else {
        throw CheckFailure("expected \(what) \(show(expected)), got \(show(actual))")
    }
}

/// Fails the check with `message` unless `condition` holds.
/// - Throws: ``CheckFailure`` carrying `message`.
public func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    guard condition else { throw CheckFailure(message()) }
}

/// Renders a value for a failure message: durations as `1s` or `250ms`, lists in brackets,
/// strings quoted, `nil` as `nothing`.
func show(_ value: Any?) -> String {
    guard let value else { return "nothing" }
    switch value {
    case let duration as Duration:
        return duration.compact
    case let durations as [Duration]:
        return "[" + durations.map(\.compact).joined(separator: ", ") + "]"
    case let string as String:
        return "\"\(string)\""
    case let strings as [String]:
        return "[" + strings.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    case let optional as (any OptionalProtocol):
        return optional.unwrapped.map(show) ?? "nothing"
    default:
        return String(describing: value)
    }
}

protocol OptionalProtocol {
    var unwrapped: Any? { get }
}

extension Optional: OptionalProtocol {
    var unwrapped: Any? { self.map { $0 as Any } }
}

extension Duration {
    /// `1s`, `1.5s`, `250ms`, `0s`: how durations read in failure messages.
    public var compact: String {
        let (seconds, attoseconds) = components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "\(seconds)s" }
        if seconds == 0 { return "\(milliseconds)ms" }
        let fraction = String(format: "%03lld", milliseconds).replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
        return "\(seconds).\(fraction)s"
    }
}
