import Foundation
import LabChecks
import LabKit

/// Chapter 11's checks: retries with backoff, idempotent tasks, resume, deadlines, persistence.
///
/// Which check holds the student to which line of the assignment is tabled at the end of
/// `labs/ch11-state/README.md`.
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

/// A temporary failure that names its attempt, so that the last one can be told from the others.
struct FlakyError: Error, Equatable, CustomStringConvertible {
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

/// The error a check's work throws, to see it recorded and rethrown unchanged.
struct WorkError: Error, Equatable, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// The moment every fixture task was created and last updated: a day before the first date a
/// check's `now` hands out, so that a save that forgets to stamp `updatedAt` shows.
let fixtureDate = Date(timeIntervalSince1970: 1_767_139_200)

/// A task as a check sets it up in the store.
func fixtureTask(_ id: String, _ state: AgentTask.State = .pending, result: String? = nil,
                 error: String? = nil, attempts: Int = 0) -> AgentTask {
    AgentTask(id: id, input: "input of \(id)", state: state, result: result, error: error,
              attempts: attempts, createdAt: fixtureDate)
}
