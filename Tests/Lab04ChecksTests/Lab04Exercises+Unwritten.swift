import Lab04Checks
import LabKit

extension Lab04Exercises {
    /// What the pristine starters do: every exercise throws `LabError.notImplemented` naming
    /// itself, as the stubs in labs/lab04-autonomy do. The kit's tests never link the student's
    /// module; `.ci/run` runs the real stubs.
    static let unwritten = Lab04Exercises(
        runAgentLoop: { _, _, _, _ in throw LabError.notImplemented("runAgentLoop(messages:model:tools:maxSteps:)") },
        runWithBudget: { _, _, _ in throw LabError.notImplemented("runAgentLoop(messages:agent:clock:)") },
        runTask: { _, _, _, _, _, _, _ in throw LabError.notImplemented("runTask(id:input:agent:clock:store:checkpoints:now:)") },
        resumeTask: { _, _, _, _, _, _ in throw LabError.notImplemented("resumeTask(id:agent:clock:store:checkpoints:now:)") }
    )
}
