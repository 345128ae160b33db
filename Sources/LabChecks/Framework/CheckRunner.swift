import LabKit

/// Runs a chapter's checks against one implementation and collects the results.
///
/// Each check gets a fresh ``CheckContext`` and its own real-time limit. A check that throws
/// ``CheckFailure`` fails; a `LabError.notImplemented` fails with "… is not implemented yet";
/// a ``KitFailure`` (the check's own set-up went wrong) is an `error` that says so; any other
/// error is an `error` naming it; a check still running at its limit is a `timeout` that says
/// what the check was waiting for. The verdict is a function of the code under test: a check
/// cannot pass once its limit has passed. When a check that did not pass took real time while
/// the clocks it handed out never saw a sleep, its message adds "slept for real? … use the
/// injected clock".
///
/// ```swift
/// let report = await CheckRunner().run(Ch11Checks.suite, on: Ch11StateSolution.exercises)
/// print(report.score, "/", report.maxScore)
/// ```
public struct CheckRunner: Sendable {
    /// Real time after which a check that handed out clocks, none of which slept, is judged to
    /// have slept for real. Below the chapter's smallest backoff of one second.
    public var realSleepThreshold: Duration = .milliseconds(900)

    /// The least real time any check is given, whatever its own limit says. The kit's own tests
    /// raise it for implementations that must pass, so that a machine busy with hundreds of
    /// checks at once cannot turn a slow pass into a timeout; graders leave it at zero.
    public var minimumTimeLimit: Duration = .zero

    /// Reads the real time. The one place the checks look at a wall clock: to measure.
    private let stopwatch = ContinuousClock()

    public init() {}

    /// A runner for the kit's own tests of implementations that must pass (the reference, the
    /// wheats): every check gets at least two minutes, so only a real hang can time out.
    public static var lenient: CheckRunner {
        var runner = CheckRunner()
        runner.minimumTimeLimit = .seconds(120)
        return runner
    }

    /// Runs the checks of `suite` whose ids are in `only` (all of them when `only` is empty).
    /// - Parameters:
    ///   - suite: The chapter's checks.
    ///   - subject: The implementation under test.
    ///   - only: Ids or id prefixes to run, such as `ch11.retry`; empty runs every check.
    /// - Returns: One result per check run, in the suite's order.
    public func run<Subject>(
        _ suite: CheckSuite<Subject>,
        on subject: Subject,
        only: [String] = []
    ) async -> ChapterReport {
        var results: [CheckResult] = []
        for check in suite.checks(matching: only) {
            results.append(await run(check, on: subject))
        }
        return ChapterReport(chapter: suite.chapter, checks: results)
    }

    /// Runs one check.
    public func run<Subject>(_ check: Check<Subject>, on subject: Subject) async -> CheckResult {
        let context = CheckContext()
        let start = stopwatch.now
        let limit = max(check.timeLimit, minimumTimeLimit)
        let outcome = await runWithRealTimeLimit(limit) {
            try await check.body(subject, context)
        }
        let elapsed = start.duration(to: stopwatch.now)

        var status: CheckResult.Status
        var message: String?
        var unimplemented: String?
        switch outcome {
        case .finished(.success):
            status = .pass
        case .finished(.failure(let failure as CheckFailure)):
            (status, message) = (.fail, failure.message)
        case .finished(.failure(LabError.notImplemented(let function))):
            (status, message, unimplemented) = (.fail, "\(function) is not implemented yet", function)
        case .finished(.failure(let failure as KitFailure)):
            (status, message) = (.error, failure.description)
        case .finished(.failure(let error)):
            (status, message) = (.error, "unexpected error: \(describe(error))")
        case .timedOut:
            (status, message) = (.timeout, "did not finish within \(limit.compact) of real time; "
                + "the check was waiting for \(context.waitDescription)")
            if context.handedOutClocksNeverSlept {
                message? += " The clock it passed in was never asked to sleep: a Task.sleep, or a real wait, "
                    + "instead of the injected clock?"
            }
        }
        // Real time passing while the clocks never slept is a strong sign of a real sleep, but
        // only a sign: a loaded machine can make a quick check slow. It is added to what the
        // check found, never put in its place, so the status and the message's first part stay
        // a function of the code alone. A timeout says the same in its own words (above).
        if case .finished = outcome, status != .pass, unimplemented == nil,
           elapsed >= realSleepThreshold, context.handedOutClocksNeverSlept {
            message = (message ?? "") + " (slept for real? The check took \(elapsed.compact) of real time, "
                + "but the clock it passed in was never asked to sleep: use the injected clock, not Task.sleep.)"
        }
        return CheckResult(
            id: check.id,
            title: check.title,
            status: status,
            points: status == .pass ? check.points : 0,
            maxPoints: check.points,
            message: message,
            hint: check.hint,
            unimplemented: unimplemented,
            durationMilliseconds: elapsed.milliseconds,
            simulatedMilliseconds: context.simulatedTime.milliseconds
        )
    }
}

extension CheckSuite {
    /// The checks whose id starts with one of `prefixes`, in the suite's order; all of them
    /// when `prefixes` is empty.
    public func checks(matching prefixes: [String]) -> [Check<Subject>] {
        checks.filter { check in prefixes.isEmpty || prefixes.contains { check.id.hasPrefix($0) } }
    }
}

extension Duration {
    /// The duration in milliseconds, with a fraction.
    var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
