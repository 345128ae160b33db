import LabKit

/// Runs steps on stored tasks as transactions: a step that throws changes nothing, and two
/// steps on one task run one after the other, never interleaved.
///
/// An actor alone is not enough: it gives up its isolation at every `await`, so a second step
/// could load the task while the first one waits on the work. Each task id therefore has a lock
/// of its own, held from the load to the save, and handed to the next waiting step in order.
public actor TaskStepper {
    private let store: any StateStore
    /// The ids whose lock is held.
    private var held: Set<String> = []
    /// Steps waiting for a task's lock, in arrival order.
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(store: any StateStore) {
        self.store = store
    }

    /// Loads the task, runs `body` on a copy, and saves the copy only if `body` returns.
    public func step(taskID: String, _ body: @Sendable (inout AgentTask) async throws -> Void) async throws -> AgentTask {
        await lock(taskID)
        defer { unlock(taskID) }
        guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
        try await body(&task)
        try await store.save(task)
        return task
    }

    private func lock(_ id: String) async {
        guard held.contains(id) else {
            held.insert(id)
            return
        }
        await withCheckedContinuation { waiting[id, default: []].append($0) }
    }

    /// Hands the lock to the next waiting step, or frees it.
    private func unlock(_ id: String) {
        if var queue = waiting[id], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[id] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(id)
        }
    }
}
