@testable import LabChecks
import Ch11Checks
import LabKit
import Ch11StateSolution
import Testing

/// A known-buggy chapter 11 implementation: the reference solution with one closure replaced by
/// a mistake a student could make, and the checks that must catch it.
struct Chaff: Sendable, CustomTestStringConvertible {
    /// What the bug is, in a few words.
    let name: String
    let exercises: Ch11Exercises
    /// The ids of the checks that must not pass on this chaff.
    let caughtBy: [String]
    /// Ids or id prefixes of the checks to run; empty runs every check of the exercises named
    /// in ``caughtBy`` (a chaff changes one exercise: the other checks pass as on the solution,
    /// and running them would only load the machine).
    var only: [String] = []
    /// A lower real-time limit for the checks in ``caughtBy``, for a bug that makes them hang
    /// until their limit.
    var timeLimit: Duration?

    var testDescription: String { name }

    /// The reference solution with one change applied.
    static func solution(_ change: (inout Ch11Exercises) -> Void) -> Ch11Exercises {
        var exercises = Ch11StateSolution.exercises
        change(&exercises)
        return exercises
    }

    /// Every chaff, by topic.
    static let all: [Chaff] = retry + retryBoundaries + tasks + taskSteps + resume + resumeSteps
        + deadline + deadlineSteps + persistence + files
}

extension Chaff {
    /// The chapter's checks as this chaff runs them: the checks meant to catch it get its lower
    /// time limit, if it has one; the others keep theirs.
    var suite: CheckSuite<Ch11Exercises> {
        guard let timeLimit else { return Ch11Checks.suite }
        return CheckSuite(
            chapter: Ch11Checks.suite.chapter,
            checks: Ch11Checks.suite.checks.map { caughtBy.contains($0.id) ? $0.limited(to: timeLimit) : $0 }
        )
    }

    /// The topics of the checks in ``caughtBy``, such as `ch11.retry.`.
    var topics: [String] {
        Array(Set(caughtBy.map { $0.split(separator: ".").prefix(2).joined(separator: ".") + "." })).sorted()
    }

    /// Runs the chaff's checks.
    func run() async -> ChapterReport {
        await CheckRunner().run(suite, on: exercises, only: only.isEmpty ? topics : only)
    }
}

extension Check {
    /// The same check with a real-time limit no longer than `limit`.
    func limited(to limit: Duration) -> Check {
        Check(id: id, title: title, points: points, hint: hint, timeLimit: min(limit, timeLimit), body: body)
    }
}

/// Each chaff's report, computed once and shared by the tests that look at it.
actor ChaffReports {
    static let shared = ChaffReports()

    private var runs: [String: Task<ChapterReport, Never>] = [:]

    func report(for chaff: Chaff) async -> ChapterReport {
        if let run = runs[chaff.name] { return await run.value }
        let run = Task { await chaff.run() }
        runs[chaff.name] = run
        return await run.value
    }
}
