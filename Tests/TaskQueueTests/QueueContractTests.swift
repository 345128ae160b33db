import Foundation
import GRDB
import LabKit
import LabKitSQLite
import TaskQueueContract
import Testing

@Suite("The task queue contract, on every backend")
struct QueueContractTests {
    @Test("the memory queue keeps the contract", arguments: QueueContract.cases)
    func memory(_ contract: QueueContract) async throws {
        try await contract.run { setup in
            MemoryTaskQueue(now: setup.now, ids: setup.ids, policy: setup.policy, seed: setup.seed)
        }
    }

    @Test("the SQLite queue in memory keeps the contract", arguments: QueueContract.cases)
    func sqliteInMemory(_ contract: QueueContract) async throws {
        try await contract.run { setup in
            try SQLiteTaskQueue(try DatabaseQueue(), now: setup.now, ids: setup.ids, policy: setup.policy, seed: setup.seed)
        }
    }

    @Test("the SQLite queue on a WAL file keeps the contract", arguments: QueueContract.cases)
    func sqliteFile(_ contract: QueueContract) async throws {
        let directory = try TemporaryDirectory(prefix: "queue-contract")
        defer { directory.remove() }
        let counter = SequenceCounter()
        try await contract.run { setup in
            try SQLiteTaskQueue(path: directory.file("queue-\(counter.next()).sqlite").path, now: setup.now,
                                ids: setup.ids, policy: setup.policy, seed: setup.seed)
        }
    }
}
