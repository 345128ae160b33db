import Foundation
import LabChecks
import LabKit

/// Chapter 11's checks: retries with backoff, idempotent tasks, resume, deadlines, persistence.
///
/// ```swift
/// let report = await CheckRunner().run(Ch11Checks.suite, on: Ch11State.exercises)
/// ```
public enum Ch11Checks {
    /// Every chapter 11 check, in the order of the assignment.
    public static let suite = CheckSuite<Ch11Exercises>(
        chapter: "ch11-state",
        checks: retry + idempotency + resume + deadline + persistence
    )
}

/// A temporary failure whose message names its attempt, so the last one can be recognised.
struct FlakyError: Error, CustomStringConvertible {
    let attempt: Int
    var description: String { "temporary failure on attempt \(attempt)" }
}

/// An operation that fails `failures` times, then returns `"ok after N attempts"`.
func flaky(failures: Int, calls: Recorder<Int>) -> @Sendable () async throws -> String {
    {
        let attempt = calls.append(calls.count + 1)
        if attempt <= failures { throw FlakyError(attempt: attempt) }
        return "ok after \(attempt) attempts"
    }
}

/// The fixed moment every chapter 11 fixture task was created.
let fixtureDate = Date(timeIntervalSince1970: 1_767_225_600)

/// A task as a check sets it up in the store.
func fixtureTask(_ id: String, _ state: AgentTask.State = .pending, result: String? = nil,
                 error: String? = nil, attempts: Int = 0) -> AgentTask {
    AgentTask(id: id, input: "input of \(id)", state: state, result: result, error: error,
              attempts: attempts, createdAt: fixtureDate)
}
