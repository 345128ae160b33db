import Foundation
import Lab04Checks
import LabKit

// Exercise 4 of lab 04: resume after a crash.
// The assignment: labs/lab04-autonomy/README.md. Check your work: swift run lab04-autonomy check

/// Carries on with a task that a crash or an error interrupted, from its saved conversation,
/// without running any tool call whose result is saved.
///
/// The contract the checks hold you to (`lab04.resume.*`):
/// - No such task in `store`: throw `LabError.taskNotFound(id:)`.
/// - A `completed` task: return its `result`; call nothing, save nothing.
/// - Otherwise (`running`, `failed` or `pending`): save it `.running` with `attempts + 1` and
///   `updatedAt: now()`, then
///   continue from `checkpoints.conversation(taskID:)`, or from
///   `[.system(agent.systemPrompt), .user(task.input)]` when nothing is saved.
/// - Calls of the last assistant message that no tool message answers yet were interrupted: run
///   those (only those, in order), checkpointing after each result, before calling the model.
///   A call whose result is saved never runs again: the logs are not cleaned twice.
/// - Then go on as exercise 3 does (checkpoints, budget on `clock` from now), and end the same
///   way: `.completed` with the answer, or `.failed` with the error, rethrown.
///
/// - Returns: The model's answer, or the stored result of a completed task.
public func resumeTask(
    id: String,
    agent: Agent,
    clock: some Clock<Duration>,
    store: some StateStore,
    checkpoints: some CheckpointStore,
    now: Now
) async throws -> String {
    throw LabError.notImplemented("resumeTask(id:agent:clock:store:checkpoints:now:)")
}
