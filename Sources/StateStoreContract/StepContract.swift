import Foundation
import LabKit
import Synchronization

/// The contract of ``TransactionalStateStore/step(taskID:_:)``, written once, run on every store
/// that has a transactional step. Each case gets a fresh, empty store.
public struct StepContract: Sendable, CustomStringConvertible {
    public let name: String
    let body: @Sendable (any TransactionalStateStore) async throws -> Void

    public var description: String { name }

    /// Runs the case on `store`, which must start empty.
    public func run(on store: any TransactionalStateStore) async throws {
        try await body(store)
    }

    public static var cases: [StepContract] {
        [
            StepContract(name: "a step on an unknown task throws taskNotFound and does not run the body") { store in
                let calls = Tally()
                do {
                    try await store.step(taskID: "missing") { _ in calls.add() }
                    throw StoreContractFailure("expected LabError.taskNotFound, the step returned")
                } catch LabError.taskNotFound(let id) {
                    try expect(id, "missing", "the id in taskNotFound")
                }
                try expect(calls.count, 0, "calls to the body")
            },
            StepContract(name: "a step that returns saves the changed task and returns it") { store in
                try await store.save(contractTask("t1"))
                let returned = try await store.step(taskID: "t1") { task in
                    task.state = .running
                    task.attempts += 1
                    task.updatedAt = contractDate(5.5)
                }
                var expected = contractTask("t1", state: .running)
                expected.attempts = 1
                expected.updatedAt = contractDate(5.5)
                try expect(returned, expected, "the returned task")
                try expect(try await store.task(id: "t1"), expected, "the stored task")
            },
            StepContract(name: "a step whose body throws rethrows and leaves the stored task exactly as it was") { store in
                var original = contractTask("t1", state: .running)
                original.attempts = 2
                try await store.save(original)
                struct ToolCrashed: Error {}
                do {
                    try await store.step(taskID: "t1") { task in
                        task.state = .completed
                        task.result = "half done"
                        throw ToolCrashed()
                    }
                    throw StoreContractFailure("expected the body's error to be rethrown, the step returned")
                } catch is ToolCrashed {}
                try expect(try await store.task(id: "t1"), original, "the stored task after the failed step")
            },
            StepContract(name: "concurrent steps on one task never interleave: none loses another's change") { store in
                try await store.save(contractTask("counter"))
                let inside = Overlap()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 1...8 {
                        group.addTask {
                            try await store.step(taskID: "counter") { task in
                                inside.enter()
                                let seen = task.attempts
                                await Task.yield()
                                task.attempts = seen + 1
                                inside.leave()
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try expect(try await store.task(id: "counter")?.attempts, 8, "attempts after 8 steps adding one each")
                try expect(inside.most, 1, "bodies running at once on one task")
            },
            StepContract(name: "a step on one task does not wait for a step on another") { store in
                try await store.save(contractTask("slow"))
                try await store.save(contractTask("quick"))
                let (released, release) = AsyncStream.makeStream(of: Void.self)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await store.step(taskID: "slow") { task in
                            for await _ in released { break }
                            task.result = "slow done"
                        }
                    }
                    // Finishes while "slow" is still inside its step; otherwise this case hangs.
                    let quick = try await store.step(taskID: "quick") { task in task.result = "quick done" }
                    try expect(quick.result, "quick done", "the quick task's result")
                    release.yield()
                    release.finish()
                    try await group.waitForAll()
                }
                try expect(try await store.task(id: "slow")?.result, "slow done", "the slow task's result")
            },
        ]
    }
}

/// Counts how many bodies run at once, and the most seen.
private final class Overlap: Sendable {
    private let state = Mutex((now: 0, most: 0))

    func enter() {
        state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
    }

    func leave() {
        state.withLock { $0.now -= 1 }
    }

    var most: Int { state.withLock { $0.most } }
}

/// Counts calls.
private final class Tally: Sendable {
    private let state = Mutex(0)

    func add() {
        state.withLock { $0 += 1 }
    }

    var count: Int { state.withLock { $0 } }
}
