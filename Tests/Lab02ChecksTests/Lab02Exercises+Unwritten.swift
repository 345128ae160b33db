import Lab02Checks
import LabKit

extension Lab02Exercises {
    /// What the pristine starters do: every exercise throws `LabError.notImplemented` naming
    /// itself, as the stubs in labs/lab02-tools do. The kit's tests never link the student's
    /// module; `.ci/run` runs the real stubs.
    static let unwritten = Lab02Exercises(
        serverStatusTool: { throw LabError.notImplemented("serverStatusTool()") },
        decodeArguments: { _ in throw LabError.notImplemented("decodeArguments(_:from:)") },
        executeToolCall: { _, _ in throw LabError.notImplemented("executeToolCall(_:registry:)") },
        executeToolCallRetrying: { _, _, _ in throw LabError.notImplemented("executeToolCall(_:registry:retry:)") },
        answerQuestion: { _, _, _, _ in throw LabError.notImplemented("answerQuestion(_:model:registry:retry:)") }
    )
}
