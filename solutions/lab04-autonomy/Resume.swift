import Foundation
import Lab04Checks
import LabKit

/// Carries on with a task after a crash or a failure, from its saved conversation: calls whose
/// results are saved never run again; a call the crash left unanswered runs before the model
/// is asked again.
///
/// - Returns: The model's answer, or the stored result of a completed task.
/// - Throws: `LabError.taskNotFound(id:)`; what the run threw, after saving the task failed.
public func resumeTask(
    id: String,
    agent: Agent,
    clock: some Clock<Duration>,
    store: some StateStore,
    checkpoints: some CheckpointStore,
    now: Now
) async throws -> String {
    guard var task = try await store.task(id: id) else { throw LabError.taskNotFound(id: id) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    let saved = try await checkpoints.conversation(taskID: id) ?? [.system(agent.systemPrompt), .user(task.input)]
    var loop = AgentLoop(messages: saved, agent: agent) { messages in
        try await checkpoints.saveConversation(messages, taskID: id)
    }
    return try await conclude(task, store: store, now: now) {
        try await loop.answerUnansweredCalls()
        return try await loop.run(clock: clock)
    }
}
