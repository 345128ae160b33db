import LabChecks

/// Turns what happened to a check's process into the check's grade: the status logic, kept
/// pure so it is tested without processes.
public enum Verdict {
    /// The grade of `entry` from the result its process reported (if any) and how the process ended.
    ///
    /// A reported result stands, whatever the process did afterwards: the framework reports a
    /// check that hung into its own limit as a `timeout` itself. Without a result: past the limit is `timeout`, a signal is `crash` (under bubblewrap, an
    /// exit status of 128 + the signal), and a normal exit is `error`: a check that never
    /// reports is never a pass.
    public static func grade(
        _ entry: CheckEntry, reported: CheckResult?, outcome: ProcessOutcome, timeLimit: Duration, sandboxed: Bool = false
    ) -> GradedCheck {
        var check = GradedCheck(
            id: entry.id, name: entry.title, status: .error, score: 0, maxScore: entry.points, message: nil,
            output: outcome.output, outputTruncated: outcome.truncated,
            durationMilliseconds: outcome.durationMilliseconds, hint: entry.hint
        )
        if let reported {
            check.status = status(of: reported.status)
            check.score = check.status == .pass ? entry.points : 0
            check.message = reported.message
            check.durationMilliseconds = reported.durationMilliseconds
            return check
        }
        let said = fatalLine(in: outcome.output).map { ": \($0)" } ?? ""
        switch outcome.termination {
        case .timedOut:
            check.status = .timeout
            check.message = "did not finish within \(timeLimit.components.seconds) s of real time; its process was killed"
        case .signaled(let signal):
            check.status = .crash
            check.message = "crashed with \(describe(signal: signal))\(said)"
        case .exited(let code) where sandboxed && code > 128 && code < 128 + 32:
            // bubblewrap exits with 128 + the signal that killed the program inside.
            check.status = .crash
            check.message = "crashed with \(describe(signal: code - 128))\(said)"
        case .exited(let code):
            check.status = .error
            check.message = "the check never reported a result (its process exited with status \(code))\(said)"
        }
        return check
    }

    static func status(of status: CheckResult.Status) -> GradeStatus {
        switch status {
        case .pass: .pass
        case .fail: .fail
        case .error: .error
        case .timeout: .timeout
        }
    }

    /// A signal, named, with what usually sends it.
    public static func describe(signal: Int32) -> String {
        switch signal {
        case 4: "SIGILL (a trap: fatalError, a failed precondition, a force-unwrapped nil, an overflow)"
        case 5: "SIGTRAP (a trap: fatalError, a failed precondition, a force-unwrapped nil, an overflow)"
        case 6: "SIGABRT (an abort)"
        case 7: "SIGBUS (a bad memory access)"
        case 9: "SIGKILL (killed: usually over the memory limit)"
        case 11: "SIGSEGV (a bad memory access or a stack overflow)"
        case 24: "SIGXCPU (over the CPU-time limit)"
        default: "signal \(signal)"
        }
    }

    /// The runtime's "Fatal error: …" line in a crashed process's output, if it printed one.
    static func fatalLine(in output: String) -> String? {
        output.split(separator: "\n").first { $0.localizedLowercase.contains("fatal error") }
            .map { String($0.prefix(300)) }
    }
}
