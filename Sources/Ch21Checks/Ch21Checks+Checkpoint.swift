import Foundation
import LabChecks
import LabKit

extension Ch21Checks {
    static let checkpoint: [Check<Ch21Exercises>] = [
        strategy(.everyStep, savesAfter: [.toolCall, .iteration, .stateChange], points: 1,
                 hint: "every_step saves after every event: tool calls, iterations and state changes."),
        strategy(.everyIteration, savesAfter: [.iteration, .stateChange], points: 1,
                 hint: "every_iteration saves at the end of each iteration and on every state change, not after each tool call."),
        strategy(.onStateChange, savesAfter: [.stateChange], points: 1,
                 hint: "on_state_change saves only when the task changes state."),
        Check(
            id: "ch21.resume.fresh-accepted",
            title: "A checkpoint younger than the maximum age, or exactly as old, in a resumable state, is returned",
            points: 2,
            hint: "The age is now() − savedAt on the clock you were given (never Date()); only an age above maxAge is refused."
        ) { exercises, _ in
            for age in [0.0, 59.5, 60.0] {
                let checkpoint = fixtureCheckpoint("t1", 1, state: .running, savedAt: at(0))
                let returned = try exercises.validateForResume(checkpoint, .seconds(60), [.running, .failed]) { at(age) }
                try expect(returned, equals: checkpoint, "the checkpoint returned at age \(age)s")
            }
        },
        Check(
            id: "ch21.resume.expired-refused",
            title: "A checkpoint older than the maximum age throws expired with its age",
            points: 2,
            hint: "Throw CheckpointError.expired(age:maxAge:) when now() − savedAt is above maxAge."
        ) { exercises, _ in
            let checkpoint = fixtureCheckpoint("t1", 1, state: .running, savedAt: at(0))
            let error = try await caughtError {
                _ = try exercises.validateForResume(checkpoint, .seconds(60), [.running]) { at(61) }
            }
            guard case CheckpointError.expired(let age, let maxAge)? = error else {
                throw CheckFailure("expected CheckpointError.expired, got \(outcome(error))")
            }
            try expect(maxAge, equals: .seconds(60), "maxAge in the error")
            try expect(abs((age - .seconds(61)).timeInterval) < 0.001, "expected the age in the error to be 61s, got \(age.compact)")
        },
        Check(
            id: "ch21.resume.state-refused",
            title: "A checkpoint whose task is in a state not listed as resumable throws notResumable",
            points: 2,
            hint: "Throw CheckpointError.notResumable(state) unless resumable contains the checkpoint's task state."
        ) { exercises, _ in
            for state in AgentTask.State.allCases {
                let checkpoint = fixtureCheckpoint("t1", 1, state: state, savedAt: at(0))
                let resumable: Set<AgentTask.State> = [.running, .failed]
                let error = try await caughtError {
                    _ = try exercises.validateForResume(checkpoint, .seconds(60), resumable) { at(1) }
                }
                if resumable.contains(state) {
                    try expect(error == nil, "expected a \(state.rawValue) checkpoint to be returned, got \(outcome(error))")
                } else {
                    try expect(thrown: error, equals: CheckpointError.notResumable(state), "the error for a \(state.rawValue) checkpoint")
                }
            }
        },
        Check(
            id: "ch21.resume.age-before-state",
            title: "A checkpoint both too old and not resumable is refused as expired",
            points: 1,
            hint: "Check the age first, then the state."
        ) { exercises, _ in
            let checkpoint = fixtureCheckpoint("t1", 1, state: .completed, savedAt: at(0))
            let error = try await caughtError {
                _ = try exercises.validateForResume(checkpoint, .seconds(10), [.running]) { at(11) }
            }
            guard case CheckpointError.expired? = error else {
                throw CheckFailure("expected CheckpointError.expired, got \(outcome(error))")
            }
        },
        Check(
            id: "ch21.rotate.keeps-newest",
            title: "Rotation keeps each task's keepLast newest checkpoints (highest sequence) and removes the rest",
            points: 3,
            hint: "Per task id, keep the keepLast checkpoints with the highest sequence (keepLast 1 keeps the newest); the input is not sorted."
        ) { exercises, _ in
            let input = [3, 1, 5, 2, 4].map { fixtureCheckpoint("t1", $0, savedAt: at(Double($0))) }
            let rotation = try exercises.rotateCheckpoints(input, 2)
            try expect(rotation.kept.map(\.sequence), equals: [5, 4], "kept sequences")
            try expect(rotation.removed.map(\.sequence), equals: [3, 1, 2], "removed sequences")
            let newestOnly = try exercises.rotateCheckpoints(input, 1)
            try expect(newestOnly.kept.map(\.sequence), equals: [5], "kept sequences with keepLast 1")
        },
        Check(
            id: "ch21.rotate.per-task",
            title: "Rotation counts each task apart, keeps the input order, and keeps a task with fewer checkpoints whole",
            points: 2,
            hint: "Group by taskID: keepLast applies to each task on its own. Return kept and removed in the input's order."
        ) { exercises, _ in
            let input = [
                fixtureCheckpoint("a", 1, savedAt: at(1)), fixtureCheckpoint("b", 1, savedAt: at(2)),
                fixtureCheckpoint("a", 2, savedAt: at(3)), fixtureCheckpoint("a", 3, savedAt: at(4)),
                fixtureCheckpoint("c", 7, savedAt: at(5)), fixtureCheckpoint("b", 2, savedAt: at(6)),
            ]
            let rotation = try exercises.rotateCheckpoints(input, 2)
            try expect(rotation.kept.map(label), equals: ["b1", "a2", "a3", "c7", "b2"], "kept")
            try expect(rotation.removed.map(label), equals: ["a1"], "removed")
        },
        Check(
            id: "ch21.rotate.invalid-keep",
            title: "Rotation with keepLast below 1 throws invalidArgument",
            points: 1,
            hint: "keepLast must be at least 1: throw LabError.invalidArgument otherwise (keeping nothing would lose the task)."
        ) { exercises, _ in
            for keep in [0, -1] {
                let error = try await caughtError {
                    _ = try exercises.rotateCheckpoints([fixtureCheckpoint("a", 1, savedAt: at(0))], keep)
                }
                guard case LabError.invalidArgument? = error else {
                    throw CheckFailure("expected LabError.invalidArgument for keepLast \(keep), got \(outcome(error))")
                }
            }
        },
    ]

    /// A check that `strategy` saves after exactly `events`.
    static func strategy(_ strategy: CheckpointStrategy, savesAfter events: [CheckpointEvent], points: Int, hint: String) -> Check<Ch21Exercises> {
        let name = strategy.rawValue.replacingOccurrences(of: "_", with: "-")
        return Check(
            id: "ch21.checkpoint.\(name)",
            title: "\(strategy.rawValue) saves after \(events.map(\.rawValue).joined(separator: ", ")) only",
            points: points,
            hint: hint
        ) { exercises, _ in
            var saved: [CheckpointEvent] = []
            for event in CheckpointEvent.allCases where try exercises.shouldCheckpoint(strategy, event) {
                saved.append(event)
            }
            try expect(saved.map(\.rawValue), equals: events.map(\.rawValue), "events \(strategy.rawValue) saves after")
        }
    }
}

/// A checkpoint of task `taskID` as checks set them up.
func fixtureCheckpoint(_ taskID: String, _ sequence: Int, state: AgentTask.State = .running, savedAt: Date) -> Checkpoint {
    Checkpoint(taskID: taskID, sequence: sequence, task: fixtureTask(taskID, state), savedAt: savedAt)
}

/// `a2` for the checkpoint of task `a` with sequence 2.
func label(_ checkpoint: Checkpoint) -> String {
    "\(checkpoint.taskID)\(checkpoint.sequence)"
}
