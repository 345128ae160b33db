import Foundation
import Testing
@testable import LabKit
import LabKitSQLite

/// The behaviour every ``StateStore`` promises, checked on each store the kit ships.
@Suite("StateStore contract")
struct StateStoreContractTests {
    @Test("an unknown id is nil", arguments: StoreKind.allCases)
    func unknownIDIsNil(kind: StoreKind) async throws {
        try await kind.withFreshSite { site in
            let store = try site.open()
            #expect(try await store.task(id: "nope") == nil)
            try await store.save(sampleTask("a"))
            #expect(try await store.task(id: "nope") == nil)
        }
    }

    @Test("save then get round-trips every field", arguments: StoreKind.allCases)
    func saveThenGetRoundTripsEveryField(kind: StoreKind) async throws {
        let full = AgentTask(
            id: "deploy-42", input: "Deploy \"service X\"\nthen say ✅ — café / 東京",
            state: .failed, result: "half done", error: "timeout after 30s", attempts: 3,
            createdAt: testDate(1.125), updatedAt: testDate(61.875))
        let bare = AgentTask(id: "bare", input: "", createdAt: testDate(2.5))
        try await kind.withFreshSite { site in
            let store = try site.open()
            try await store.save(full)
            try await store.save(bare)
            #expect(try await store.task(id: "deploy-42") == full)
            #expect(try await store.task(id: "bare") == bare)
        }
    }

    @Test("saving with the same id replaces the task", arguments: StoreKind.allCases)
    func savingSameIDReplaces(kind: StoreKind) async throws {
        try await kind.withFreshSite { site in
            let store = try site.open()
            var task = sampleTask("t1")
            try await store.save(task)
            task.state = .completed
            task.result = "done"
            task.attempts = 1
            task.updatedAt = testDate(99.25)
            try await store.save(task)
            #expect(try await store.task(id: "t1") == task)
            #expect(try await store.allTasks() == [task])
        }
    }

    @Test("tasks(in:) keeps one state, ordered by creation time then id", arguments: StoreKind.allCases)
    func tasksInStateFilterAndOrder(kind: StoreKind) async throws {
        let tasks = [
            sampleTask("late", createdAt: testDate(30)),
            sampleTask("b-tie", createdAt: testDate(10.25)),
            sampleTask("other-state", state: .running, createdAt: testDate(1)),
            sampleTask("early", createdAt: testDate(5.125)),
            sampleTask("a-tie", createdAt: testDate(10.25)),
            sampleTask("done", state: .completed, createdAt: testDate(2)),
        ]
        try await kind.withFreshSite { site in
            let store = try site.open()
            for task in tasks { try await store.save(task) }
            #expect(try await store.tasks(in: .pending).map(\.id) == ["early", "a-tie", "b-tie", "late"])
            #expect(try await store.tasks(in: .running).map(\.id) == ["other-state"])
            #expect(try await store.tasks(in: .completed).map(\.id) == ["done"])
            #expect(try await store.tasks(in: .failed).isEmpty)
        }
    }

    @Test("a state change moves a task from one list to the other", arguments: StoreKind.allCases)
    func stateChangeMovesTask(kind: StoreKind) async throws {
        try await kind.withFreshSite { site in
            let store = try site.open()
            var task = sampleTask("mover")
            try await store.save(task)
            try await store.save(sampleTask("stayer", createdAt: testDate(3)))
            task.state = .running
            try await store.save(task)
            #expect(try await store.tasks(in: .pending).map(\.id) == ["stayer"])
            #expect(try await store.tasks(in: .running) == [task])
        }
    }

    @Test("a new store on the same path sees every saved state", arguments: StoreKind.persistent)
    func newInstanceSeesEverySavedState(kind: StoreKind) async throws {
        try await kind.withFreshSite { site in
            let first = try site.open()
            var saved: [AgentTask] = []
            for (index, state) in AgentTask.State.allCases.enumerated() {
                let task = sampleTask("task-\(index)", state: state, createdAt: testDate(Double(index) + 0.375))
                try await first.save(task)
                saved.append(task)
            }
            saved[0].state = .running
            saved[0].attempts = 1
            try await first.save(saved[0])

            let second = try site.open()
            for state in AgentTask.State.allCases {
                #expect(try await second.tasks(in: state) == saved.filter { $0.state == state })
            }
            #expect(try await second.task(id: "task-0") == saved[0])
        }
    }

    @Test("dates keep their milliseconds across a restart", arguments: StoreKind.persistent)
    func datesKeepMilliseconds(kind: StoreKind) async throws {
        let fractions = [0.001, 0.123, 0.499, 0.5, 0.7, 0.999]
        let tasks = fractions.enumerated().map { index, fraction in
            sampleTask("ms-\(index)", createdAt: testDate(Double(index) + fraction))
        }
        try await kind.withFreshSite { site in
            let store = try site.open()
            for task in tasks { try await store.save(task) }
            let reopened = try site.open()
            for task in tasks {
                let read = try #require(try await reopened.task(id: task.id))
                #expect(abs(read.createdAt.timeIntervalSince(task.createdAt)) < 0.000_1, "\(task.id)")
            }
        }
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
struct StoreSite {
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
    Date(timeIntervalSince1970: 1_767_225_600 + seconds)
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
