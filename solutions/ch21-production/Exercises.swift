import Ch21Checks
import Foundation
import LabKit

/// The reference solution as a value the checks can run.
public let exercises = Ch21Exercises(
    makeStepper: { store in
        let stepper = TaskStepper(store: store)
        return { taskID, body in try await stepper.step(taskID: taskID, body) }
    },
    shouldCheckpoint: { try shouldCheckpoint(strategy: $0, after: $1) },
    validateForResume: { try validateForResume($0, maxAge: $1, resumable: $2, now: $3) },
    rotateCheckpoints: { try rotateCheckpoints($0, keepLast: $1) },
    applyPatches: { try applyPatches($0, to: $1) },
    selectContext: { try selectContext(from: $0, currentStep: $1, maxBytes: $2) },
    claimNext: { try claimNext(in: &$0, worker: $1, leaseFor: $2, now: $3) },
    complete: { try complete(in: &$0, lease: $1, result: $2, now: $3) },
    rescueExpired: { try rescueExpired(in: &$0, now: $1) },
    fullJitterBackoff: { try fullJitterBackoff(attempt: $0, base: $1, cap: $2, using: &$3) }
)
