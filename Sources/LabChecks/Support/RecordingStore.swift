import LabKit

/// A ``StateStore`` in memory that remembers every task it was asked to save, in order.
///
/// Checks use it to see the sequence of states an implementation wrote, for example
/// `[running, completed]`, not only the last one.
public actor RecordingStore: StateStore {
    private let inner: MemoryStateStore
    /// Every task saved, in order.
    public private(set) var saved: [AgentTask] = []

    public init(_ tasks: [AgentTask] = []) {
        inner = MemoryStateStore(tasks)
    }

    public func save(_ task: AgentTask) async {
        saved.append(task)
        await inner.save(task)
    }

    public func task(id: String) async -> AgentTask? {
        await inner.task(id: id)
    }

    public func tasks(in state: AgentTask.State) async -> [AgentTask] {
        await inner.tasks(in: state)
    }

    /// The states of every saved version of one task, in order.
    public func savedStates(of id: String) -> [AgentTask.State] {
        saved.filter { $0.id == id }.map(\.state)
    }
}
