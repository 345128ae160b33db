import Foundation
import Lab04Checks
import LabKit

/// Runs a new task: saved `running` first, its conversation checkpointed after every tool-call
/// message and every tool result, and saved `completed` with the answer or `failed` with the
/// error.
///
/// - Returns: The model's answer.
/// - Throws: What the run threw, after saving the task failed; `StoreError` from the stores.
public func runTask(
    id: String,
    input: String,
    agent: Agent,
    clock: some Clock<Duration>,
    store: some StateStore,
    checkpoints: some CheckpointStore,
    now: Now
) async throws -> String {
    let task = AgentTask(id: id, input: input, state: .running, attempts: 1, createdAt: now())
    try await store.save(task)
    var loop = AgentLoop(messages: [.system(agent.systemPrompt), .user(input)], agent: agent) { messages in
        try await checkpoints.saveConversation(messages, taskID: id)
    }
    return try await conclude(task, store: store, now: now) { try await loop.run(clock: clock) }
}

/// Runs `body` and saves the task with its outcome: `completed` with the answer, or `failed`
/// with the error, which is rethrown.
func conclude(
    _ task: AgentTask,
    store: some StateStore,
    now: Now,
    _ body: () async throws -> AgentRun
) async throws -> String {
    var task = task
    do {
        let run = try await body()
        task.state = .completed
        task.result = run.answer
        task.error = nil
        task.updatedAt = now()
        try await store.save(task)
        return run.answer
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}
