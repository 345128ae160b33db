@testable import LabChecks
import Ch21Checks
import Ch21ProductionSolution
import LabKit
import Testing

/// A known-buggy chapter 21 implementation: the reference solution with one closure replaced by
/// a mistake a student could make, and the checks that must catch it.
struct Chaff: Sendable, CustomTestStringConvertible {
    /// What the bug is, in a few words.
    let name: String
    let exercises: Ch21Exercises
    /// The ids of the checks that must not pass on this chaff.
    let caughtBy: [String]
    /// A lower real-time limit for the checks in ``caughtBy``, for a bug that makes them hang.
    var timeLimit: Duration?

    var testDescription: String { name }

    /// The reference solution with one change applied.
    static func solution(_ change: (inout Ch21Exercises) -> Void) -> Ch21Exercises {
        var exercises = Ch21ProductionSolution.exercises
        change(&exercises)
        return exercises
    }

    /// Every chaff, by topic.
    static let all: [Chaff] = step + checkpoint + state + context + queue + backoff

    /// The chapter's checks as this chaff runs them: the checks meant to catch a hanging chaff
    /// get its lower limit.
    var suite: CheckSuite<Ch21Exercises> {
        guard let timeLimit else { return Ch21Checks.suite }
        return CheckSuite(
            chapter: Ch21Checks.suite.chapter,
            checks: Ch21Checks.suite.checks.map { check in
                caughtBy.contains(check.id)
                    ? Check(id: check.id, title: check.title, points: check.points, hint: check.hint,
                            timeLimit: min(timeLimit, check.timeLimit), body: check.body)
                    : check
            }
        )
    }
}

/// Each chaff's report, computed once and shared by the tests that look at it.
actor ChaffReports {
    static let shared = ChaffReports()

    private var runs: [String: Task<ChapterReport, Never>] = [:]

    func report(for chaff: Chaff) async -> ChapterReport {
        if let run = runs[chaff.name] { return await run.value }
        let run = Task { await CheckRunner().run(chaff.suite, on: chaff.exercises) }
        runs[chaff.name] = run
        return await run.value
    }
}
