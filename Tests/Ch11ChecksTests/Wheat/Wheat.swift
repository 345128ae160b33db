import Ch11Checks
import LabKit
import Ch11StateSolution
import Testing

/// A correct chapter 11 implementation written differently from the reference solution: the
/// solution with one closure replaced. Every check must pass on it.
struct Wheat: Sendable, CustomTestStringConvertible {
    /// How this version differs from the solution.
    let name: String
    let exercises: Ch11Exercises

    var testDescription: String { name }

    /// Every wheat.
    static let all: [Wheat] = [
        Wheat(
            name: "retry: recursive, the delay passed down",
            exercises: Chaff.solution { $0.executeWithRetry = { try await recursiveRetry(maxAttempts: $0, clock: $1, operation: $2) } }
        ),
        Wheat(
            name: "retry: stride loop, delay 1 << (attempt - 1) seconds",
            exercises: Chaff.solution { $0.executeWithRetry = { try await strideRetry(maxAttempts: $0, clock: $1, operation: $2) } }
        ),
        Wheat(
            name: "task: switch on the state, a helper that updates and saves",
            exercises: Chaff.solution { $0.executeTaskIfNotDone = { try await switchingExecute(taskID: $0, store: $1, now: $2, work: $3) } }
        ),
        Wheat(
            name: "deadline: a group of outcomes, the timer does not throw",
            exercises: Chaff.solution { $0.runWithDeadline = { try await outcomeRace(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } }
        ),
        Wheat(
            name: "save and load: Data.write(to:options: .atomic), default dates, a missing file told by its error",
            exercises: Chaff.solution {
                $0.saveTasks = { try foundationAtomicSave($0, to: $1) }
                $0.loadTasks = { try defaultDatesLoad(from: $0) }
            }
        ),
    ] + more
}
