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

/// Fails the check unless `error` is `expected`, saying what came instead: another error (its
/// type and message), or a returned value.
/// - Parameters:
///   - error: What the call threw, as ``caughtError(_:)`` returns it; `nil` when it returned.
///   - expected: The error the contract asks for.
///   - what: A short noun phrase, as in `"the rethrown error"`.
/// - Throws: ``CheckFailure`` with the message `expected <what> <expected>, got <actual>`.
public func expect<E: Error & Equatable>(thrown error: (any Error)?, equals expected: E, _ what: String) throws {
    guard (error as? E) != expected else { return }
    throw CheckFailure("expected \(what) \(describe(expected)), got \(outcome(error))")
}

/// Names an error for a message: its type (and enum case) and what it says, as in
/// `WorkError "disk full"`, `LabError.taskNotFound "task not found: t1"` or `CancellationError`.
public func describe(_ error: any Error) -> String {
    var type = String(describing: Swift.type(of: error))
    let mirror = Mirror(reflecting: error)
    if mirror.displayStyle == .enum, let label = mirror.children.first?.label {
        type += "." + label
    }
    let text = String(describing: error)
    if text.isEmpty || text == type || text.hasPrefix(type + "(") { return text.isEmpty ? type : text }
    return "\(type) \"\(text)\""
}

/// Renders a value for a failure message: durations as `1s` or `250ms`, lists in brackets,
/// strings quoted, `nil` as `nothing`.
public func show(_ value: Any?) -> String {
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
