import Foundation
import GRDB
import LabKit
import LabKitSQLite
import Testing

@Suite("The SQLite queue shared by several connections, as worker processes share it")
struct SQLiteTaskQueueTests {
    @Test("queues on separate connections to one file claim every task exactly once")
    func separateConnectionsClaimEachTaskOnce() async throws {
        let directory = try TemporaryDirectory(prefix: "queue-shared")
        defer { directory.remove() }
        let path = directory.file("queue.sqlite").path
        let time = ManualNow()
        let queues = try (1...4).map { seed in try SQLiteTaskQueue(path: path, now: time.now, seed: UInt64(seed)) }
        _ = try await queues[0].enqueue((1...200).map { NewQueueTask(payload: "p\($0)") })

        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, queue) in queues.enumerated() {
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let claims = try await queue.claim(worker: "w\(index)", leaseFor: .seconds(60), limit: 3)
                        if claims.isEmpty { return mine }
                        for claim in claims {
                            _ = try await queue.complete(claim.lease, result: "ok", effects: [QueueEffect(key: claim.task.id)])
                            mine.append(claim.task.id)
                        }
                    }
                }
            }
            var all: [String] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(claimed.count == 200)
        #expect(Set(claimed).count == 200)
        let effects = try await queues[3].appliedEffects()
        #expect(effects.count == 200)
        #expect(Set(effects.map(\.taskID)).count == 200)
        #expect(try await queues[2].counts() == QueueCounts([.completed: 200]))
    }

    @Test("without an id source, ids are numbered by the database, unique across connections")
    func databaseNumbersTheIDs() async throws {
        let directory = try TemporaryDirectory(prefix: "queue-ids")
        defer { directory.remove() }
        let path = directory.file("queue.sqlite").path
        let first = try SQLiteTaskQueue(path: path, now: ManualNow().now)
        let second = try SQLiteTaskQueue(path: path, now: ManualNow().now)
        let a = try await first.enqueue(NewQueueTask(payload: "a")).task.id
        let b = try await second.enqueue(NewQueueTask(payload: "b")).task.id
        let c = try await first.enqueue(NewQueueTask(payload: "c")).task.id
        #expect([a, b, c] == ["task-1", "task-2", "task-3"])
    }

    @Test("the file is in WAL mode and survives being reopened")
    func walAndReopen() async throws {
        let directory = try TemporaryDirectory(prefix: "queue-wal")
        defer { directory.remove() }
        let path = directory.file("queue.sqlite").path
        let time = ManualNow()
        do {
            let queue = try SQLiteTaskQueue(path: path, now: time.now)
            try await queue.enqueue(NewQueueTask(payload: "a", idempotencyKey: "k"))
            _ = try await queue.claim(worker: "w", leaseFor: .seconds(5))
        }
        let pool = try DatabasePool(path: path)
        #expect(try await pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        let reopened = try SQLiteTaskQueue(pool, now: time.now)
        #expect(try await reopened.enqueue(NewQueueTask(payload: "again", idempotencyKey: "k")).isNew == false)
        time.advance(by: .seconds(5))
        #expect(try await reopened.rescueExpired() == ["task-1"])
    }
}
