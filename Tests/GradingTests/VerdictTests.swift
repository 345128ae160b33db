import Grading
import LabChecks
import Testing

@Suite("Verdict: how a check's process ended becomes its status")
struct VerdictTests {
    private let check = entry("ch11.retry.x", points: 3)

    private func reported(_ status: CheckResult.Status, _ message: String? = nil, ms: Double = 5) -> CheckResult {
        CheckResult(id: check.id, title: "t", status: status, points: status == .pass ? 3 : 0, maxPoints: 3,
                    message: message, hint: "h", durationMilliseconds: ms)
    }

    @Test("a reported pass earns the points, whatever the process did after")
    func reportedPass() {
        let grade = Verdict.grade(check, reported: reported(.pass), outcome: ProcessOutcome(termination: .signaled(11), output: ""), timeLimit: .seconds(10))
        #expect(grade.status == .pass)
        #expect(grade.score == 3)
        #expect(grade.hint == "hint for ch11.retry.x")
    }

    @Test("a reported failure keeps its message and earns nothing")
    func reportedFail() {
        let grade = Verdict.grade(check, reported: reported(.fail, "expected 1, got 2"), outcome: ProcessOutcome(termination: .exited(1), output: "said"), timeLimit: .seconds(10))
        #expect(grade.status == .fail)
        #expect(grade.score == 0)
        #expect(grade.message == "expected 1, got 2")
        #expect(grade.output == "said")
    }

    @Test("no report and a signal is a crash naming the signal and the runtime's message")
    func crash() {
        let grade = Verdict.grade(check, reported: nil, outcome: ProcessOutcome(termination: .signaled(4), output: "x\nFatal error: boom\n"), timeLimit: .seconds(10))
        #expect(grade.status == .crash)
        #expect(grade.message?.contains("SIGILL") == true)
        #expect(grade.message?.contains("Fatal error: boom") == true)
    }

    @Test("under bubblewrap, exit status 128 + signal is a crash; uncontained it is an error")
    func bubblewrapSignal() {
        let outcome = ProcessOutcome(termination: .exited(139), output: "")
        #expect(Verdict.grade(check, reported: nil, outcome: outcome, timeLimit: .seconds(10), sandboxed: true).status == .crash)
        #expect(Verdict.grade(check, reported: nil, outcome: outcome, timeLimit: .seconds(10), sandboxed: false).status == .error)
    }

    @Test("no report past the limit is a timeout")
    func timeout() {
        let grade = Verdict.grade(check, reported: nil, outcome: ProcessOutcome(termination: .timedOut, output: ""), timeLimit: .seconds(10))
        #expect(grade.status == .timeout)
        #expect(grade.message?.contains("10 s") == true)
    }

    @Test("a check that never reports is an error, never a pass, even when its process exits 0")
    func neverReports() {
        let grade = Verdict.grade(check, reported: nil, outcome: ProcessOutcome(termination: .exited(0), output: ""), timeLimit: .seconds(10))
        #expect(grade.status == .error)
        #expect(grade.score == 0)
        #expect(grade.message?.contains("never reported") == true)
    }

    @Test("a reported timeout stays a timeout, and a failure noting a real sleep stays a failure")
    func reportedStatusesStand() {
        let timedOut = Verdict.grade(check, reported: reported(.timeout, "did not finish within 5s of real time; …", ms: 5001),
                                     outcome: ProcessOutcome(termination: .exited(1), output: ""), timeLimit: .seconds(10))
        #expect(timedOut.status == .timeout)
        #expect(timedOut.score == 0)
        let message = "expected sleeps [1s], got [] (slept for real? The check took 1.2s of real time, …)"
        let slept = Verdict.grade(check, reported: reported(.fail, message, ms: 1200),
                                  outcome: ProcessOutcome(termination: .exited(1), output: ""), timeLimit: .seconds(10))
        #expect(slept.status == .fail)
        #expect(slept.message == message)
    }
}
