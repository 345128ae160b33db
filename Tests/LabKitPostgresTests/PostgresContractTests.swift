import Foundation
import LabKit
import LabKitPostgres
import StateStoreContract
import TaskQueueContract
import Testing

// Skipped unless AGENT_LABS_POSTGRES_URL names a server (scripts/postgres.sh start): see PostgresTestServer.
@Suite("The kit's contracts on PostgreSQL", .enabled(if: PostgresTestServer.isAvailable,
       "AGENT_LABS_POSTGRES_URL is not set: no PostgreSQL server to test against (scripts/postgres.sh start)"),
       .timeLimit(.minutes(2)))
struct PostgresContractTests {
    @Test("the PostgreSQL queue keeps the task queue contract", arguments: QueueContract.cases)
    func queue(_ contract: QueueContract) async throws {
        let database = try PostgresTestServer.requireDatabase()
        try await contract.run { setup in
            try await PostgresTaskQueue(database: database, schema: PostgresTestServer.freshSchema("queue"), now: setup.now,
                                        ids: setup.ids, policy: setup.policy, seed: setup.seed,
                                        clock: ManualClock(mode: .advancing))
        }
    }

    @Test("the PostgreSQL store keeps the StateStore contract", arguments: StoreContract.cases)
    func store(_ contract: StoreContract) async throws {
        let database = try PostgresTestServer.requireDatabase()
        let schema = PostgresTestServer.freshSchema("state")
        // Every open is a new store instance on the same schema: a restart.
        try await contract.run { try await PostgresStateStore(database: database, schema: schema) }
    }

    @Test("the PostgreSQL store keeps the transactional step's contract", arguments: StepContract.cases)
    func step(_ contract: StepContract) async throws {
        let database = try PostgresTestServer.requireDatabase()
        try await contract.run(on: try await PostgresStateStore(database: database, schema: PostgresTestServer.freshSchema("step")))
    }
}
