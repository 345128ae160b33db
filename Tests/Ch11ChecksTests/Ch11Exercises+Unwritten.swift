import Ch11Checks
import LabKit

extension Ch11Exercises {
    /// What the pristine starters do: every exercise throws `LabError.notImplemented` naming
    /// itself, as the stubs in labs/ch11-state do. The kit's tests never link the student's
    /// module; `.ci/run` runs the real stubs.
    static let unwritten = Ch11Exercises(
        executeWithRetry: { _, _, _ in throw LabError.notImplemented("executeWithRetry(maxAttempts:clock:operation:)") },
        executeTaskIfNotDone: { _, _, _, _ in throw LabError.notImplemented("executeTaskIfNotDone(taskID:store:now:work:)") },
        resumeTask: { _, _, _, _ in throw LabError.notImplemented("resumeTask(taskID:store:now:work:)") },
        runWithDeadline: { _, _, _, _, _, _ in throw LabError.notImplemented("runWithDeadline(taskID:deadline:clock:store:now:work:)") },
        saveTasks: { _, _ in throw LabError.notImplemented("saveTasks(_:to:)") },
        loadTasks: { _ in throw LabError.notImplemented("loadTasks(from:)") }
    )
}
