import Foundation
import LabKit

/// Whether `strategy` takes a checkpoint after `event`: every step saves on every event, every
/// iteration on iterations and state changes, on state change only on state changes.
public func shouldCheckpoint(strategy: CheckpointStrategy, after event: CheckpointEvent) throws -> Bool {
    switch strategy {
    case .everyStep: true
    case .everyIteration: event != .toolCall
    case .onStateChange: event == .stateChange
    }
}

/// Returns `checkpoint` if a run may resume from it now: not older than `maxAge`, and its task in
/// one of the `resumable` states.
public func validateForResume(
    _ checkpoint: Checkpoint, maxAge: Duration, resumable: Set<AgentTask.State>, now: Now
) throws -> Checkpoint {
    let age = Duration.milliseconds(Int64((now().timeIntervalSince(checkpoint.savedAt) * 1000).rounded()))
    if age > maxAge { throw CheckpointError.expired(age: age, maxAge: maxAge) }
    guard resumable.contains(checkpoint.task.state) else { throw CheckpointError.notResumable(checkpoint.task.state) }
    return checkpoint
}

/// Keeps the `keepLast` newest checkpoints of each task and removes the others.
public func rotateCheckpoints(_ checkpoints: [Checkpoint], keepLast: Int) throws -> CheckpointRotation {
    guard keepLast >= 1 else { throw LabError.invalidArgument("keepLast must be at least 1, got \(keepLast)") }
    var newest: [String: [Int]] = [:]
    for checkpoint in checkpoints {
        newest[checkpoint.taskID, default: []].append(checkpoint.sequence)
    }
    let keptSequences = newest.mapValues { Set($0.sorted(by: >).prefix(keepLast)) }
    let keep = { (checkpoint: Checkpoint) in keptSequences[checkpoint.taskID]?.contains(checkpoint.sequence) ?? false }
    return CheckpointRotation(kept: checkpoints.filter(keep), removed: checkpoints.filter { !keep($0) })
}
