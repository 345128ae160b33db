import Foundation
import LabKit

/// The contract every ``TaskQueue`` backend passes, written once: each case builds a fresh queue
/// through the backend's factory, drives it with a manual wall clock, and throws
/// ``ContractFailure`` when the queue breaks a rule of ``TaskQueue``.
///
/// A backend's test target runs every case (here with Swift Testing):
///
/// ```swift
/// @Test(arguments: QueueContract.cases)
/// func sqliteKeepsTheContract(_ contract: QueueContract) async throws {
///     try await contract.run { setup in try SQLiteTaskQueue(DatabaseQueue(), now: setup.now, ids: setup.ids,
///                                                          policy: setup.policy, seed: setup.seed) }
/// }
/// ```
public struct QueueContract: Sendable, CustomStringConvertible {
    /// What the case proves.
    public let name: String
    let body: @Sendable (Harness) async throws -> Void

    public var description: String { name }

    /// Makes a fresh, empty queue for one case.
    public typealias Factory = @Sendable (QueueSetup) async throws -> any TaskQueue

    /// Runs the case on a queue from `factory`.
    /// - Throws: ``ContractFailure`` when the queue breaks the contract; what the queue threw otherwise.
    public func run(_ factory: @escaping Factory) async throws {
        let setup = QueueSetup()
        let queue = try await factory(setup)
        try await body(Harness(queue: queue, time: setup.time, policy: setup.policy, factory: factory))
    }

    /// Every case, in the order of the contract.
    public static var cases: [QueueContract] {
        enqueueing + claiming + fencing + retrying + managing + concurrency
    }
}

/// What a factory builds a queue from: the wall clock, the ids, the policy and the seed.
public struct QueueSetup: Sendable {
    /// The manual wall clock the case moves.
    public let time = ManualNow()
    /// Ids `task-1`, `task-2`, … in enqueue order.
    public let ids: @Sendable () -> String = counterIDs(prefix: "task-")
    /// Three attempts, backoff ceilings of 1s, 2s, 4s … capped at 60s.
    public let policy = QueuePolicy(maxAttempts: 3, backoffBase: .seconds(1), backoffCap: .seconds(60))
    /// The jitter's seed.
    public let seed: UInt64 = 21

    /// The wall clock as a ``Now``.
    public var now: Now { time.now }
}

/// A queue under test, its clock, and a way to make another queue of the same backend.
struct Harness: Sendable {
    let queue: any TaskQueue
    let time: ManualNow
    let policy: QueuePolicy
    let factory: QueueContract.Factory

    var now: Date { time.date }

    /// Enqueues tasks with these payloads, one second apart.
    @discardableResult
    func enqueue(_ payloads: String..., priority: Int = 0) async throws -> [QueueTask] {
        var tasks: [QueueTask] = []
        for payload in payloads {
            tasks.append(try await queue.enqueue(NewQueueTask(payload: payload, priority: priority)).task)
            time.advance(by: .seconds(1))
        }
        return tasks
    }

    /// Claims one task, failing the case when none is claimable.
    func claimOne(_ worker: String = "w1", leaseFor: Duration = .seconds(30)) async throws -> Claim {
        guard let claim = try await queue.claim(worker: worker, leaseFor: leaseFor) else {
            throw ContractFailure("expected a task to claim, got none (counts: \(try await queue.counts()))")
        }
        return claim
    }
}

/// A broken rule of the queue contract: what was expected and what happened.
public struct ContractFailure: Error, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
    guard actual == expected else { throw ContractFailure("expected \(what) \(expected), got \(actual)") }
}

func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    guard condition else { throw ContractFailure(message()) }
}

/// Fails unless `body` throws `leaseLost` for `taskID`.
func expectLeaseLost(_ taskID: String, _ what: String, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch QueueError.leaseLost(let id, _) {
        try expect(id, taskID, "the task id in leaseLost for \(what)")
        return
    }
    throw ContractFailure("expected \(what) to throw QueueError.leaseLost, but it succeeded")
}
