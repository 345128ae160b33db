import Ch21Checks
import Ch21ProductionSolution
import Foundation
import LabKit

// Buggy checkpoint managers.

extension Chaff {
    static let checkpoint: [Chaff] = [
        Chaff(
            name: "strategy: saves only when the event matches the strategy's name",
            exercises: solution { $0.shouldCheckpoint = { strategy, event in
                switch (strategy, event) {
                case (.everyStep, .toolCall), (.everyIteration, .iteration), (.onStateChange, .stateChange): true
                default: false
                }
            } },
            caughtBy: ["ch21.checkpoint.every-step", "ch21.checkpoint.every-iteration"]
        ),
        Chaff(
            name: "strategy: every_iteration also saves after tool calls",
            exercises: solution { $0.shouldCheckpoint = { strategy, event in
                strategy == .onStateChange ? event == .stateChange : true
            } },
            caughtBy: ["ch21.checkpoint.every-iteration"]
        ),
        Chaff(
            name: "strategy: on_state_change also saves after iterations",
            exercises: solution { $0.shouldCheckpoint = { strategy, event in
                strategy == .everyStep ? true : event != .toolCall
            } },
            caughtBy: ["ch21.checkpoint.on-state-change"]
        ),
        Chaff(
            name: "resume: a checkpoint exactly maxAge old is refused",
            exercises: solution { $0.validateForResume = { checkpoint, maxAge, resumable, now in
                let age = Duration.seconds(now().timeIntervalSince(checkpoint.savedAt))
                if age >= maxAge { throw CheckpointError.expired(age: age, maxAge: maxAge) }
                guard resumable.contains(checkpoint.task.state) else { throw CheckpointError.notResumable(checkpoint.task.state) }
                return checkpoint
            } },
            caughtBy: ["ch21.resume.fresh-accepted"]
        ),
        Chaff(
            name: "resume: the age is measured with Date(), not the injected now",
            exercises: solution { $0.validateForResume = { checkpoint, maxAge, resumable, _ in
                try validateForResume(checkpoint, maxAge: maxAge, resumable: resumable, now: { Date() })
            } },
            caughtBy: ["ch21.resume.fresh-accepted", "ch21.resume.expired-refused"]
        ),
        Chaff(
            name: "resume: the state is checked before the age",
            exercises: solution { $0.validateForResume = { checkpoint, maxAge, resumable, now in
                guard resumable.contains(checkpoint.task.state) else { throw CheckpointError.notResumable(checkpoint.task.state) }
                return try validateForResume(checkpoint, maxAge: maxAge, resumable: resumable, now: now)
            } },
            caughtBy: ["ch21.resume.age-before-state"]
        ),
        Chaff(
            name: "resume: expired reports maxAge as the age",
            exercises: solution { $0.validateForResume = { checkpoint, maxAge, resumable, now in
                if now().timeIntervalSince(checkpoint.savedAt) > maxAge.timeInterval {
                    throw CheckpointError.expired(age: maxAge, maxAge: maxAge)
                }
                return try validateForResume(checkpoint, maxAge: maxAge, resumable: resumable, now: now)
            } },
            caughtBy: ["ch21.resume.expired-refused"]
        ),
        Chaff(
            name: "resume: running and failed always resume, whatever resumable says",
            exercises: solution { $0.validateForResume = { checkpoint, maxAge, _, now in
                try validateForResume(checkpoint, maxAge: maxAge, resumable: [.running, .failed, .completed], now: now)
            } },
            caughtBy: ["ch21.resume.state-refused"]
        ),
        Chaff(
            name: "rotate: keeps the oldest checkpoints",
            exercises: solution { $0.rotateCheckpoints = { checkpoints, keep in
                let inverted = checkpoints.map { checkpoint -> Checkpoint in
                    var copy = checkpoint
                    copy.sequence = -checkpoint.sequence
                    return copy
                }
                let rotation = try rotateCheckpoints(inverted, keepLast: keep)
                let restore = { (list: [Checkpoint]) in list.map { c -> Checkpoint in var copy = c; copy.sequence = -c.sequence; return copy } }
                return CheckpointRotation(kept: restore(rotation.kept), removed: restore(rotation.removed))
            } },
            caughtBy: ["ch21.rotate.keeps-newest"]
        ),
        Chaff(
            name: "rotate: keepLast counts all tasks together",
            exercises: solution { $0.rotateCheckpoints = { checkpoints, keep in
                guard keep >= 1 else { throw LabError.invalidArgument("keepLast") }
                let newest = Set(checkpoints.sorted { $0.sequence > $1.sequence }.prefix(keep).map(label))
                return CheckpointRotation(kept: checkpoints.filter { newest.contains(label($0)) },
                                          removed: checkpoints.filter { !newest.contains(label($0)) })
            } },
            caughtBy: ["ch21.rotate.per-task"]
        ),
        Chaff(
            name: "rotate: keepLast 0 removes everything instead of throwing",
            exercises: solution { $0.rotateCheckpoints = { checkpoints, keep in
                keep < 1 ? CheckpointRotation(kept: [], removed: checkpoints) : try rotateCheckpoints(checkpoints, keepLast: keep)
            } },
            caughtBy: ["ch21.rotate.invalid-keep"]
        ),
    ]
}

private func label(_ checkpoint: Checkpoint) -> String {
    "\(checkpoint.taskID)#\(checkpoint.sequence)"
}
