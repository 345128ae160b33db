import Foundation
import LabKit

// Exercise 2 of chapter 21: the checkpoint manager — when to save, whether to resume, what to keep.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// Whether a run with `strategy` takes a checkpoint after `event` (`ch21.checkpoint.*`):
/// - `.everyStep` saves after every event: `.toolCall`, `.iteration`, `.stateChange`.
/// - `.everyIteration` saves after `.iteration` and `.stateChange`, not after a `.toolCall`.
/// - `.onStateChange` saves after `.stateChange` only.
public func shouldCheckpoint(strategy: CheckpointStrategy, after event: CheckpointEvent) throws -> Bool {
    throw LabError.notImplemented("shouldCheckpoint(strategy:after:)")
}

/// Returns `checkpoint` if a run may resume from it now (`ch21.resume.*`):
/// - Its age is `now() − checkpoint.savedAt`, on the `now` you are given (never `Date()`). An age
///   above `maxAge` throws `CheckpointError.expired(age:maxAge:)`; exactly `maxAge` is accepted.
/// - Its task's state (`checkpoint.task.state`) must be in `resumable`; otherwise throw
///   `CheckpointError.notResumable(state)`.
/// - Check the age first: a checkpoint that is both too old and not resumable is `expired`.
public func validateForResume(
    _ checkpoint: Checkpoint, maxAge: Duration, resumable: Set<AgentTask.State>, now: Now
) throws -> Checkpoint {
    throw LabError.notImplemented("validateForResume(_:maxAge:resumable:now:)")
}

/// Keeps the newest checkpoints of each task and removes the others (`ch21.rotate.*`):
/// - For each task id on its own, keep the `keepLast` checkpoints with the highest `sequence`
///   (the input is in no particular order); a task with fewer checkpoints keeps them all.
/// - `kept` and `removed` list the checkpoints in the order of the input.
/// - `keepLast` below 1 throws `LabError.invalidArgument`.
public func rotateCheckpoints(_ checkpoints: [Checkpoint], keepLast: Int) throws -> CheckpointRotation {
    throw LabError.notImplemented("rotateCheckpoints(_:keepLast:)")
}
