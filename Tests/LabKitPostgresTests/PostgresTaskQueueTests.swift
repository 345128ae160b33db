import Foundation
import LabKit
import LabKitPostgres
import Testing

// Skipped unless AGENT_LABS_POSTGRES_URL names a server (scripts/postgres.sh start): see PostgresTestServer.
@Suite("The PostgreSQL queue shared by several pools, as worker processes on several hosts share it",
       .enabled(if: PostgresTestServer.isAvailable,
                "AGENT_LABS_POSTGRES_URL is not set: no PostgreSQL server to test against (scripts/postgres.sh start)"),
       .timeLimit(.minutes(2)))
struct PostgresTaskQueueTests {
    /// Queues on pools of their own (one per "process") in one schema.
    private func queues(_ count: Int, schema: String, now: @escaping Now) async throws -> ([PostgresTaskQueue], [PostgresDatabase]) {
        let url = try #require(PostgresTestServer.url)
        var queues: [PostgresTaskQueue] = []
        var pools: [PostgresDatabase] = []
        for seed in 1...count {
            let pool = try PostgresDatabase(url: url, maximumConnections: 2)
            pools.append(pool)
            queues.append(try await PostgresTaskQueue(database: pool, schema: schema, now: now, seed: UInt64(seed),
                                                      clock: ManualClock(mode: .advancing)))
        }
        return (queues, pools)
    }

    @Test("queues on separate pools claim every task exactly once, in batches")
    func separatePoolsClaimEachTaskOnce() async throws {
        let time = ManualNow()
        let (queues, pools) = try await queues(4, schema: PostgresTestServer.freshSchema("shared"), now: time.now)
        _ = try await queues[0].enqueue((1...300).map { NewQueueTask(payload: "p\($0)") })
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, queue) in queues.enumerated() {
                group.addTask {
                    var mine: [String] = []
                    while true {
                        let claims = try await queue.claim(worker: "w\(index)", leaseFor: .seconds(60), limit: 4)
                        if claims.isEmpty { return mine }
                        for claim in claims {
                            try await queue.complete(claim.lease, result: "ok", effects: [QueueEffect(key: claim.task.id)])
                            mine.append(claim.task.id)
                        }
                    }
                }
            }
            var all: [String] = []
            for try await ids in group { all += ids }
            return all
        }
        #expect(claimed.count == 300)
        #expect(Set(claimed).count == 300)
        let effects = try await queues[3].appliedEffects()
        #expect(effects.count == 300)
        #expect(Set(effects.map(\.taskID)).count == 300)
        #expect(try await queues[2].counts() == QueueCounts([.completed: 300]))
        for pool in pools { await pool.shutdown() }
    }

    @Test("without an id source, ids are numbered by the database, unique across pools")
    func databaseNumbersTheIDs() async throws {
        let (queues, pools) = try await queues(2, schema: PostgresTestServer.freshSchema("ids"), now: ManualNow().now)
        let a = try await queues[0].enqueue(NewQueueTask(payload: "a")).task.id
        let b = try await queues[1].enqueue(NewQueueTask(payload: "b")).task.id
        let c = try await queues[0].enqueue(NewQueueTask(payload: "c", idempotencyKey: "k")).task.id
        let again = try await queues[1].enqueue(NewQueueTask(payload: "c again", idempotencyKey: "k")).task.id
        #expect([a, b, c, again] == ["task-1", "task-2", "task-3", "task-3"])
        for pool in pools { await pool.shutdown() }
    }

    @Test("an idle worker waiting for work wakes on another pool's enqueue (LISTEN/NOTIFY), with no time passing")
    func waitingWakesOnEnqueue() async throws {
        let database = try PostgresTestServer.requireDatabase()
        let schema = PostgresTestServer.freshSchema("wake")
        let time = ManualNow()
        // A manual clock that nobody advances: the wait can only end by a notification.
        let clock = ManualClock(mode: .manual)
        let waiter = try await PostgresTaskQueue(database: database, schema: schema, now: time.now, clock: clock)
        let (producers, pools) = try await queues(1, schema: schema, now: time.now)
        // The first wait returns once the listener is in place (it may have missed earlier work).
        try await waiter.waitForWork(upTo: .seconds(3600))
        #expect(try await waiter.claim(worker: "w", leaseFor: .seconds(30)) == nil)
        async let woken: Void = waiter.waitForWork(upTo: .seconds(3600))
        try await producers[0].enqueue(NewQueueTask(payload: "new work"))
        try await woken
        #expect(try await waiter.claim(worker: "w", leaseFor: .seconds(30))?.task.payload == "new work")
        #expect(clock.sleeps.allSatisfy { $0 == .seconds(3600) })
        for pool in pools { await pool.shutdown() }
    }

    @Test("a batch enqueue is one transaction: when a later task cannot be stored, none is")
    func batchEnqueueIsAtomic() async throws {
        let database = try PostgresTestServer.requireDatabase()
        // Every task gets the same id, so the second insert of a batch breaks the id's uniqueness.
        let queue = try await PostgresTaskQueue(database: database, schema: PostgresTestServer.freshSchema("atomic"),
                                                now: ManualNow().now, ids: { "same-id" }, clock: ManualClock(mode: .advancing))
        await #expect(throws: QueueError.self) {
            try await queue.enqueue([NewQueueTask(payload: "first"), NewQueueTask(payload: "second")])
        }
        #expect(try await queue.counts().total == 0)
    }

    @Test("a schema name that is not a plain identifier is refused before any SQL")
    func schemaNamesAreChecked() async throws {
        let database = try PostgresTestServer.requireDatabase()
        await #expect(throws: QueueError.self) {
            _ = try await PostgresTaskQueue(database: database, schema: "x; DROP TABLE y", now: ManualNow().now,
                                            clock: ManualClock(mode: .advancing))
        }
    }
}
