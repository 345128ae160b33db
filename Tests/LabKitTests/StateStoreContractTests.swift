import Foundation
import Testing
@testable import LabKit
import LabKitSQLite
import StateStoreContract

/// The behaviour every ``StateStore`` promises (`Sources/StateStoreContract/`, written once and
/// also run on PostgreSQL by `Tests/LabKitPostgresTests/`), checked on each store the kit ships.
@Suite("StateStore contract")
struct StateStoreContractTests {
    @Test("the memory store keeps the contract", arguments: StoreContract.inMemoryCases)
    func memory(_ contract: StoreContract) async throws {
        try await StoreKind.memory.withFreshSite { site in try await contract.run { try site.open() } }
    }

    @Test("the JSON-file store keeps the contract", arguments: StoreContract.cases)
    func jsonFile(_ contract: StoreContract) async throws {
        try await StoreKind.jsonFile.withFreshSite { site in try await contract.run { try site.open() } }
    }

    @Test("the SQLite store keeps the contract", arguments: StoreContract.cases)
    func sqliteFile(_ contract: StoreContract) async throws {
        try await StoreKind.sqliteFile.withFreshSite { site in try await contract.run { try site.open() } }
    }
}

// MARK: - Fixtures

/// The stores under contract.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, jsonFile, sqliteFile

    static let persistent: [StoreKind] = [.jsonFile, .sqliteFile]

    var testDescription: String { rawValue }

    /// Runs `body` with a place for a store of this kind, in a fresh directory removed after.
    func withFreshSite(_ body: (StoreSite) async throws -> Void) async throws {
        let directory = try TemporaryDirectory(prefix: "labkit-tests")
        defer { directory.remove() }
        try await body(StoreSite(kind: self, directory: directory.url.path))
    }
}

/// Where one test keeps its store; `open()` again to simulate a restart.
struct StoreSite: Sendable {
    let kind: StoreKind
    let directory: String
    private let memory = MemoryStateStore()

    init(kind: StoreKind, directory: String) {
        self.kind = kind
        self.directory = directory
    }

    /// Opens the store: a new instance on the same file each time for the persistent kinds,
    /// the one in-memory store for `.memory`.
    func open() throws -> any StateStore {
        switch kind {
        case .memory: memory
        case .jsonFile: JSONFileStateStore(path: directory + "/tasks.json")
        case .sqliteFile: try SQLiteStateStore(path: directory + "/tasks.sqlite")
        }
    }
}

/// A date `seconds` after 2026-01-01T00:00:00Z. Fractions such as .125 are exact in binary,
/// so a millisecond-precise store gives back the very same `Date`.
func testDate(_ seconds: Double) -> Date {
    contractDate(seconds)
}

func sampleTask(_ id: String, state: AgentTask.State = .pending, createdAt: Date = testDate(0)) -> AgentTask {
    AgentTask(id: id, input: "input of \(id)", state: state, createdAt: createdAt)
}

/// The two kinds of ``StoreError``, for ``expectStoreError(_:path:saying:sourceLocation:_:)``.
enum StoreErrorKind {
    case corrupt, io
}

/// Expects `body` to throw a ``StoreError`` of `kind` for `path`, whose reason contains `words`.
func expectStoreError(
    _ kind: StoreErrorKind, path: String, saying words: String = "",
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected StoreError.\(kind), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        let (thrownKind, errorPath, reason): (StoreErrorKind, String, String) = switch error {
        case .corrupt(let path, let reason): (.corrupt, path, reason)
        case .io(let path, let reason): (.io, path, reason)
        }
        #expect(thrownKind == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(errorPath == path, sourceLocation: sourceLocation)
        #expect(words.isEmpty || reason.contains(words), "reason: \(reason)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected StoreError.\(kind), got \(error)", sourceLocation: sourceLocation)
    }
}
