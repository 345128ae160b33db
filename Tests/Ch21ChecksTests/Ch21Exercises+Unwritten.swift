import Ch21Checks
import LabKit

extension Ch21Exercises {
    /// What the pristine starters do: every exercise throws `LabError.notImplemented` naming
    /// itself, as the stubs in labs/ch21-production do. The kit's tests never link the student's
    /// module; `.ci/run` runs the real stubs.
    static let unwritten = Ch21Exercises(
        makeStepper: { _ in { _, _ in throw LabError.notImplemented("TaskStepper.step(taskID:_:)") } },
        shouldCheckpoint: { _, _ in throw LabError.notImplemented("shouldCheckpoint(strategy:after:)") },
        validateForResume: { _, _, _, _ in throw LabError.notImplemented("validateForResume(_:maxAge:resumable:now:)") },
        rotateCheckpoints: { _, _ in throw LabError.notImplemented("rotateCheckpoints(_:keepLast:)") },
        applyPatches: { _, _ in throw LabError.notImplemented("applyPatches(_:to:)") },
        selectContext: { _, _, _ in throw LabError.notImplemented("selectContext(from:currentStep:maxBytes:)") },
        claimNext: { _, _, _, _ in throw LabError.notImplemented("claimNext(in:worker:leaseFor:now:)") },
        complete: { _, _, _, _ in throw LabError.notImplemented("complete(in:lease:result:now:)") },
        rescueExpired: { _, _ in throw LabError.notImplemented("rescueExpired(in:now:)") },
        fullJitterBackoff: { _, _, _, _ in throw LabError.notImplemented("fullJitterBackoff(attempt:base:cap:using:)") }
    )
}
