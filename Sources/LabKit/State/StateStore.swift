/// Where tasks are kept between steps and between runs.
///
/// Every store passes the same contract suite (`Tests/LabKitTests/StateStoreContractTests.swift`):
/// `save` replaces a task with the same id, `task(id:)` returns what was saved last, and
/// `tasks(in:)` lists the tasks in one state, oldest first (then by id).
///
/// The kit ships three stores: ``MemoryStateStore`` for tests, ``JSONFileStateStore`` (the
/// chapter's `tasks.json`, written atomically) and ``SQLiteStateStore`` (the embedded default).
public protocol StateStore: Sendable {
    /// Saves a task, replacing any task with the same id.
    /// - Throws: ``StoreError`` when the state cannot be written.
    func save(_ task: AgentTask) async throws

    /// Returns the task with this id, or `nil` when there is none.
    /// - Throws: ``StoreError`` when the state cannot be read.
    func task(id: String) async throws -> AgentTask?

    /// Returns the tasks in one state, ordered by creation time and then id.
    /// - Throws: ``StoreError`` when the state cannot be read.
    func tasks(in state: AgentTask.State) async throws -> [AgentTask]
}

extension StateStore {
    /// Returns every task, ordered by creation time and then id.
    public func allTasks() async throws -> [AgentTask] {
        var all: [AgentTask] = []
        for state in AgentTask.State.allCases {
            all += try await tasks(in: state)
        }
        return all.sorted(by: AgentTask.storeOrder)
    }
}

extension AgentTask {
    /// The order every store lists tasks in: oldest first, then by id.
    public static func storeOrder(_ lhs: AgentTask, _ rhs: AgentTask) -> Bool {
        (lhs.createdAt, lhs.id) < (rhs.createdAt, rhs.id)
    }
}
