import Foundation
import LabChecks
import LabKit

/// Chapter 21's checks: the transactional step, checkpoints, the agent state and its context,
/// and the queue operations.
///
/// ```swift
/// let report = await CheckRunner().run(Ch21Checks.suite, on: Ch21Production.exercises)
/// ```
public enum Ch21Checks {
    /// Every chapter 21 check, in the order of the assignment.
    public static let suite = CheckSuite<Ch21Exercises>(
        chapter: "ch21-production",
        checks: step + checkpoint + patches + context + claim + complete + rescue + backoff
    )
}

/// The moment every chapter 21 fixture starts from: 2026-01-01 00:00 UTC.
let fixtureDate = Date(timeIntervalSince1970: 1_767_225_600)

/// `fixtureDate` moved by `seconds`.
func at(_ seconds: Double) -> Date {
    fixtureDate.addingTimeInterval(seconds)
}

/// A task as a check sets it up in the store.
func fixtureTask(_ id: String, _ state: AgentTask.State = .pending, attempts: Int = 0) -> AgentTask {
    AgentTask(id: id, input: "input of \(id)", state: state, attempts: attempts, createdAt: fixtureDate)
}

/// The error a check's step body throws, to see it come back unchanged.
struct StepError: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Renders a list of task ids for a message.
func ids(_ tasks: [QueueTask]) -> String {
    show(tasks.map(\.id))
}
