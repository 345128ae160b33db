import Foundation
import Ch11Checks
import LabKit

// Connects your functions to the checks. You do not need to edit this file.

/// Your chapter 11 functions as a value the checks can run.
public let exercises = Ch11Exercises(
    executeWithRetry: { try await executeWithRetry(maxAttempts: $0, clock: $1, operation: $2) },
    executeTaskIfNotDone: { try await executeTaskIfNotDone(taskID: $0, store: $1, now: $2, work: $3) },
    resumeTask: { try await resumeTask(taskID: $0, store: $1, now: $2, work: $3) },
    runWithDeadline: { try await runWithDeadline(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) },
    saveTasks: { try saveTasks($0, to: $1) },
    loadTasks: { try loadTasks(from: $0) }
)
