import Foundation
import LabChecks
import LabKit
import Synchronization
import Testing

/// Somewhere for a check to wait that ignores cancellation; the test lets it go once the runner
/// has moved on, so no task is left suspended.
private final class Parking: Sendable {
    private let state = Mutex<(released: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func park() async {
        await withCheckedContinuation { continuation in
            let released = state.withLock { state in
                if !state.released { state.waiting.append(continuation) }
                return state.released
            }
            if released { continuation.resume() }
        }
    }

    func release() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

private struct Unexpected: Error, CustomStringConvertible {
    var description: String { "the disk is on fire" }
}

private func check(
    _ id: String, points: Int = 1, timeLimit: Duration = .seconds(5),
    _ body: @escaping @Sendable (Int, CheckContext) async throws -> Void = { _, _ in }
) -> Check<Int> {
    Check(id: id, title: "title of \(id)", points: points, hint: "hint for \(id)", timeLimit: timeLimit, body: body)
}

@Suite("CheckRunner: statuses, messages, points, time limits")
struct CheckRunnerTests {
    @Test("a check that throws CheckFailure fails with that message")
    func checkFailureFails() async {
        let result = await CheckRunner().run(check("x.fails") { _, _ in throw CheckFailure("expected 1, got 2") }, on: 0)
        #expect(result.status == .fail)
        #expect(result.message == "expected 1, got 2")
        #expect(result.hint == "hint for x.fails")
    }

    @Test("a stub's notImplemented fails with \"… is not implemented yet\"")
    func notImplementedFails() async {
        let result = await CheckRunner().run(check("x.stub") { _, _ in throw LabError.notImplemented("f") }, on: 0)
        #expect(result.status == .fail)
        #expect(result.message == "f is not implemented yet")
    }

    @Test("any other error is an error status naming the error")
    func otherErrorIsError() async {
        let result = await CheckRunner().run(check("x.error") { _, _ in throw Unexpected() }, on: 0)
        #expect(result.status == .error)
        #expect(result.message == "unexpected error: Unexpected \"the disk is on fire\"")
    }

    @Test("a passing check has no message and earns its points")
    func passEarnsPoints() async {
        let result = await CheckRunner().run(check("x.pass", points: 3), on: 0)
        #expect(result.status == .pass)
        #expect(result.message == nil)
        #expect(result.points == 3)
        #expect(result.maxPoints == 3)
    }

    @Test("a check that hangs and ignores cancellation times out at its limit, and the next check still runs")
    func hangTimesOutAndRunnerMovesOn() async throws {
        let parking = Parking()
        defer { parking.release() }
        let suite = CheckSuite(chapter: "test", checks: [
            check("x.hangs", points: 2, timeLimit: .milliseconds(50)) { _, _ in await parking.park() },
            check("x.after"),
        ])
        let report = await CheckRunner().run(suite, on: 0)
        try #require(report.checks.count == 2)
        let hung = report.checks[0]
        #expect(hung.status == .timeout)
        #expect(hung.message == "did not finish within 50ms of real time; the check was waiting for "
            + "the code under test to return: a loop that never ends, or a wait that nothing resumes?")
        #expect(hung.points == 0)
        #expect(hung.durationMilliseconds >= 50)
        // Not a speed goal: proof that the runner walked away instead of waiting for the hang.
        #expect(hung.durationMilliseconds < 60_000, "the runner waited \(hung.durationMilliseconds) ms")
        #expect(report.checks[1].status == .pass)
    }

    @Test("a check that took real time while its clock never slept, then failed, says \"slept for real\"")
    func realWaitWithIdleClockIsSleptForReal() async {
        var runner = CheckRunner()
        runner.realSleepThreshold = .milliseconds(30)
        let result = await runner.run(check("x.real", timeLimit: .seconds(30)) { _, context in
            _ = context.clock()
            // Real time passing without the clock: what a Task.sleep looks like to the runner.
            let end = DispatchTime.now().uptimeNanoseconds + 40_000_000
            while DispatchTime.now().uptimeNanoseconds < end {}
            throw CheckFailure("expected sleeps [1s], got []")
        }, on: 0)
        #expect(result.status == .fail)
        let message = result.message ?? ""
        #expect(message.hasPrefix("expected sleeps [1s], got [] (slept for real? The check took "), "\(message)")
        #expect(message.hasSuffix("use the injected clock, not Task.sleep.)"), "\(message)")
    }

    @Test("a timeout with a clock that never slept stays a timeout, and says the clock was never used")
    func timeoutWithIdleClockStaysTimeout() async {
        let parking = Parking()
        defer { parking.release() }
        var runner = CheckRunner()
        runner.realSleepThreshold = .milliseconds(30)
        let result = await runner.run(check("x.idle", timeLimit: .milliseconds(60)) { _, context in
            _ = context.clock()
            await parking.park()
        }, on: 0)
        #expect(result.status == .timeout)
        #expect(result.message?.hasSuffix("The clock it passed in was never asked to sleep: a Task.sleep, "
            + "or a real wait, instead of the injected clock?") == true, "\(result.message ?? "")")
    }

    @Test("a slow check whose clock did sleep keeps its own status")
    func realWaitWithBusyClockIsNotSleptForReal() async {
        let parking = Parking()
        defer { parking.release() }
        var runner = CheckRunner()
        runner.realSleepThreshold = .milliseconds(30)
        // The limit leaves the check ample time to reach its sleep even on a loaded machine.
        let result = await runner.run(check("x.slow", timeLimit: .milliseconds(500)) { _, context in
            try await context.clock().sleep(for: .seconds(1))
            await parking.park()
        }, on: 0)
        #expect(result.status == .timeout)
    }

    @Test("a failure with an unused clock keeps its own message first, however slow the machine")
    func failureKeepsItsMessageFirst() async {
        let result = await CheckRunner().run(check("x.quick") { _, context in
            _ = context.clock()
            throw CheckFailure("expected sleeps [1s], got []")
        }, on: 0)
        #expect(result.status == .fail)
        #expect(result.message?.hasPrefix("expected sleeps [1s], got []") == true, "\(result.message ?? "")")
    }

    @Test("points are earned only on a pass; the score adds them up")
    func pointsOnlyOnPass() async {
        let parking = Parking()
        defer { parking.release() }
        let suite = CheckSuite(chapter: "test", checks: [
            check("x.pass", points: 1),
            check("x.fail", points: 2) { _, _ in throw CheckFailure("no") },
            check("x.error", points: 4) { _, _ in throw Unexpected() },
            check("x.stub", points: 8) { _, _ in throw LabError.notImplemented("f") },
            check("x.timeout", points: 16, timeLimit: .milliseconds(20)) { _, _ in await parking.park() },
        ])
        let report = await CheckRunner().run(suite, on: 0)
        #expect(report.checks.map(\.status) == [.pass, .fail, .error, .fail, .timeout])
        #expect(report.checks.map(\.points) == [1, 0, 0, 0, 0])
        #expect(report.checks.map(\.maxPoints) == [1, 2, 4, 8, 16])
        #expect(report.score == 1)
        #expect(report.maxScore == 31)
        #expect(report.maxScore == suite.maxScore)
        #expect(!report.allPassed)
    }

    @Test("only: runs the checks whose id starts with one of the prefixes, in suite order")
    func onlyFiltersByPrefix() async {
        let suite = CheckSuite(chapter: "test", checks: ["a.x.one", "a.x.two", "a.y.one", "b.one"].map { check($0) })
        let runner = CheckRunner()
        #expect(await runner.run(suite, on: 0, only: ["a.x"]).checks.map(\.id) == ["a.x.one", "a.x.two"])
        #expect(await runner.run(suite, on: 0, only: ["b", "a.y.one"]).checks.map(\.id) == ["a.y.one", "b.one"])
        #expect(await runner.run(suite, on: 0, only: ["c"]).checks.isEmpty)
        #expect(await runner.run(suite, on: 0).checks.count == 4)
    }
}

@Suite("ChapterReport: JSON and terminal table")
struct ChapterReportTests {
    private static func report() async -> ChapterReport {
        let suite = CheckSuite(chapter: "ch99-test", checks: [
            check("x.pass", points: 1) { _, context in
                let clock = context.clock()
                try await clock.sleep(for: .seconds(1))
                try await clock.sleep(for: .seconds(2))
            },
            check("x.fail", points: 2) { _, _ in throw CheckFailure("expected sleeps [1s, 2s], got [1s, 1s]") },
        ])
        return await CheckRunner().run(suite, on: 0)
    }

    @Test("json() has chapter, score, max_score and per check every field, message null on a pass")
    func jsonHasDocumentedFields() async throws {
        let report = await Self.report()
        let json = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["chapter", "score", "max_score", "checks"])
        #expect(object["chapter"] as? String == "ch99-test")
        #expect(object["score"] as? Int == 1)
        #expect(object["max_score"] as? Int == 3)

        let checks = try #require(object["checks"] as? [[String: Any]])
        try #require(checks.count == 2)
        let fields: Set<String> = [
            "id", "title", "status", "points", "max_points", "message", "hint", "not_implemented",
            "duration_ms", "simulated_ms",
        ]
        let (passed, failed) = (checks[0], checks[1])
        #expect(Set(passed.keys) == fields)
        #expect(Set(failed.keys) == fields)

        #expect(failed["id"] as? String == "x.fail")
        #expect(failed["title"] as? String == "title of x.fail")
        #expect(failed["status"] as? String == "fail")
        #expect(failed["points"] as? Int == 0)
        #expect(failed["max_points"] as? Int == 2)
        #expect(failed["message"] as? String == "expected sleeps [1s, 2s], got [1s, 1s]")
        #expect(failed["hint"] as? String == "hint for x.fail")
        #expect((failed["duration_ms"] as? Double).map { $0 >= 0 } == true)

        #expect(passed["status"] as? String == "pass")
        #expect(passed["points"] as? Int == 1)
        #expect(passed["message"] is NSNull)
        #expect(passed["simulated_ms"] as? Double == 3_000, "the check slept 1s and 2s on its clock")

        let decoded = try JSONDecoder().decode(ChapterReport.self, from: Data(json.utf8))
        #expect(decoded.checks == report.checks)
        #expect(decoded.score == report.score && decoded.maxScore == report.maxScore)
    }

    @Test("table(color: false) has no ANSI escapes, and shows message and hint under a failure")
    func plainTableShowsMessageAndHint() async throws {
        let table = await Self.report().table(heading: "Checking the test", color: false)
        #expect(!table.contains("\u{1B}"))
        let lines = table.components(separatedBy: "\n")
        #expect(lines.first == "Checking the test")
        let failLine = try #require(lines.firstIndex { $0.contains("x.fail") })
        #expect(lines[failLine].contains("✗"))
        #expect(lines[failLine].contains("0/2"))
        #expect(lines[failLine].contains("title of x.fail"))
        try #require(lines.count > failLine + 2)
        #expect(lines[failLine + 1].trimmingCharacters(in: .whitespaces) == "expected sleeps [1s, 2s], got [1s, 1s]")
        #expect(lines[failLine + 2].trimmingCharacters(in: .whitespaces) == "hint: hint for x.fail")
        let passLine = try #require(lines.firstIndex { $0.contains("x.pass") })
        #expect(lines[passLine].contains("✓"))
        #expect(!lines[passLine + 1].contains("hint for x.pass"))
        #expect(table.contains("1 of 2 checks pass · 1/3 points"))
    }

    @Test("table(color: true) paints with ANSI escapes")
    func coloredTableHasEscapes() async {
        let table = await Self.report().table(heading: "Checking the test", color: true)
        #expect(table.contains("\u{1B}[31m"))
        #expect(table.contains("\u{1B}[0m"))
    }
}

@Suite("Failure messages and duration formatting")
struct FailureMessageTests {
    @Test("expect(_:equals:_:) on durations reads `expected sleeps [1s, 2s], got [1s, 1s]`")
    func durationListMessage() throws {
        let failure = try #require(throws: CheckFailure.self) {
            try expect([Duration.seconds(1), .seconds(1)], equals: [.seconds(1), .seconds(2)], "sleeps")
        }
        #expect(failure.message == "expected sleeps [1s, 2s], got [1s, 1s]")
        #expect("\(failure)" == failure.message)
    }

    @Test("expect(_:equals:_:) quotes strings and shows nil as nothing")
    func stringAndNilMessages() throws {
        let strings = try #require(throws: CheckFailure.self) { try expect("b", equals: "a", "the result") }
        #expect(strings.message == #"expected the result "a", got "b""#)
        let optional = try #require(throws: CheckFailure.self) {
            try expect(Optional<AgentTask.State>.none, equals: .failed, "stored state")
        }
        #expect(optional.message == "expected stored state failed, got nothing")
    }

    @Test("expect(_:equals:_:) does not throw on equal values")
    func equalValuesPass() throws {
        try expect([Duration.seconds(1)], equals: [.seconds(1)], "sleeps")
        try expect(true, "never shown")
        #expect(throws: CheckFailure.self) { try expect(false, "shown") }
    }

    @Test("Duration.compact", arguments: [
        (Duration.seconds(1), "1s"),
        (.milliseconds(250), "250ms"),
        (.milliseconds(1_500), "1.5s"),
        (.zero, "0s"),
        (.milliseconds(2_250), "2.25s"),
        (.milliseconds(1_005), "1.005s"),
        (.seconds(16), "16s"),
    ])
    func compactFormatting(duration: Duration, text: String) {
        #expect(duration.compact == text)
    }
}

@Suite("Check helpers")
struct CheckHelperTests {
    @Test("caughtError returns the error thrown, nil when the body returns, and lets notImplemented through")
    func caughtErrorContract() async throws {
        let error = try await caughtError { throw Unexpected() }
        #expect(error is Unexpected)
        #expect(try await caughtError {} == nil)
        await #expect(throws: LabError.self) {
            _ = try await caughtError { throw LabError.notImplemented("f") }
        }
    }
}

@Suite("CheckRunner: the lenient runner of the kit's own tests")
struct LenientRunnerTests {
    @Test("minimumTimeLimit gives a check with a short limit more time, and the message names the limit used")
    func minimumTimeLimitRaisesShortLimits() async {
        var runner = CheckRunner()
        runner.minimumTimeLimit = .milliseconds(80)
        let result = await runner.run(
            Check<Int>(id: "x.hang", title: "hang", points: 1, hint: "", timeLimit: .milliseconds(1)) { _, _ in
                for await _ in AsyncStream<Never>(unfolding: { await withUnsafeContinuation { _ in } }) {}
            }, on: 0)
        #expect(result.status == .timeout)
        #expect(result.message?.hasPrefix("did not finish within 80ms of real time") == true, "\(result.message ?? "")")
        #expect(result.durationMilliseconds >= 80)
        #expect(CheckRunner.lenient.minimumTimeLimit == .seconds(120))
    }
}
