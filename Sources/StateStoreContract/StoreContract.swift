import Foundation
import LabKit

/// The contract every ``StateStore`` passes, written once: each case opens a fresh store through
/// the store's site, and throws ``StoreContractFailure`` when the store breaks a rule of
/// ``StateStore``. Opening the site again gives a new instance on the same storage (a restart).
///
/// A store's test target runs every case (here with Swift Testing):
///
/// ```swift
/// @Test(arguments: StoreContract.cases)
/// func sqliteKeepsTheContract(_ contract: StoreContract) async throws {
///     let directory = try TemporaryDirectory(prefix: "contract")
///     defer { directory.remove() }
///     try await contract.run { try SQLiteStateStore(path: directory.file("tasks.sqlite").path) }
/// }
/// ```
public struct StoreContract: Sendable, CustomStringConvertible {
    /// What the case proves.
    public let name: String
    /// Whether the case needs storage that outlives an instance (not the memory store).
    public let needsPersistence: Bool
    let body: @Sendable (_ open: @escaping Open) async throws -> Void

    public var description: String { name }

    /// Opens the store under test: a new instance on the same storage each time it is called
    /// (for a memory store, the same instance).
    public typealias Open = @Sendable () async throws -> any StateStore

    /// Runs the case on the store `open` opens; the storage must start empty.
    /// - Throws: ``StoreContractFailure`` when the store breaks the contract; what the store threw otherwise.
    public func run(_ open: @escaping Open) async throws {
        try await body(open)
    }

    /// Every case, in the order of the contract.
    public static var cases: [StoreContract] { saving + persisting }

    /// The cases that hold for a store living in memory only.
    public static var inMemoryCases: [StoreContract] { cases.filter { !$0.needsPersistence } }
}

/// A broken rule of a store contract: what was expected and what happened.
public struct StoreContractFailure: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
    guard actual == expected else { throw StoreContractFailure("expected \(what) \(expected), got \(actual)") }
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    guard condition else { throw StoreContractFailure(message()) }
}

/// A date `seconds` after 2026-01-01T00:00:00Z. Fractions such as .125 are exact in binary,
/// so a millisecond-precise store gives back the very same `Date`.
public func contractDate(_ seconds: Double) -> Date {
    Date(timeIntervalSince1970: 1_767_225_600 + seconds)
}

/// A pending task `input of <id>`, created at `createdAt`.
public func contractTask(_ id: String, state: AgentTask.State = .pending, createdAt: Date = contractDate(0)) -> AgentTask {
    AgentTask(id: id, input: "input of \(id)", state: state, createdAt: createdAt)
}
