import Foundation
import Lab04Checks
import LabKit

// Exercise 3 of lab 04: persistence (chapter 11, integration point 1).
// The assignment: labs/lab04-autonomy/README.md. Check your work: swift run lab04-autonomy check

/// Runs a new task with the budgeted loop of exercise 2, keeping its state in `store` and its
/// conversation in `checkpoints`, so that a crash loses nothing that happened.
///
/// The contract the checks hold you to (`lab04.persist.*`):
/// - Before the first model call, save `AgentTask(id:input:state: .running, attempts: 1,
///   createdAt: now())`.
/// - The conversation starts as `[.system(agent.systemPrompt), .user(input)]`.
/// - Checkpoint (`checkpoints.saveConversation(_:taskID:)`, the whole conversation) right after
///   appending an assistant message with tool calls, before any of them runs, and after every
///   tool result you append. Extra checkpoints do no harm; missing ones make a resume run a
///   tool again.
/// - The model answers: save the task `.completed` with `result` the answer, no `error`, and
///   `updatedAt: now()`; return the answer.
/// - Anything throws (a budget limit, the model, a store): save the task `.failed` with
///   `error: "\(error)"` and `updatedAt: now()`, then rethrow the same error.
///
/// - Returns: The model's answer.
public func runTask(
    id: String,
    input: String,
    agent: Agent,
    clock: some Clock<Duration>,
    store: some StateStore,
    checkpoints: some CheckpointStore,
    now: Now
) async throws -> String {
    throw LabError.notImplemented("runTask(id:input:agent:clock:store:checkpoints:now:)")
}
