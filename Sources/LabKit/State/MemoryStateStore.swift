/// A ``StateStore`` that keeps tasks in memory: fast, isolated, gone when the process ends.
public actor MemoryStateStore: StateStore {
    private var storage: [String: AgentTask]

    /// Creates a store holding `tasks`.
    public init(_ tasks: [AgentTask] = []) {
        storage = Dictionary(tasks.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func save(_ task: AgentTask) {
        storage[task.id] = task
    }

    public func task(id: String) -> AgentTask? {
        storage[id]
    }

    public func tasks(in state: AgentTask.State) -> [AgentTask] {
        storage.values.filter { $0.state == state }.sorted(by: AgentTask.storeOrder)
    }
}
