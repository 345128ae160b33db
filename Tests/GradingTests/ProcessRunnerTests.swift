import Foundation
import Grading
import LabKit
import Testing

@Suite("ProcessRunner: real processes, a time limit on an injected clock, an output cap")
struct ProcessRunnerTests {
    private func runner() -> ProcessRunner {
        var runner = ProcessRunner(monotonic: SteppingClock().monotonic)
        runner.drainLimit = .seconds(3)
        return runner
    }

    @Test("the exit status and the output, standard error included")
    func exitStatus() throws {
        let outcome = try runner().run(Command("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]), timeLimit: .seconds(1000), outputCap: 1000)
        #expect(outcome.termination == .exited(3))
        #expect(outcome.output == "out\nerr\n")
        #expect(!outcome.truncated)
    }

    @Test("output past the cap is counted, not kept, and the child is not blocked by it")
    func outputCap() throws {
        let outcome = try runner().run(Command("/bin/sh", ["-c", "head -c 2000000 /dev/zero | tr '\\\\0' x; exit 0"]), timeLimit: .seconds(1000), outputCap: 100)
        #expect(outcome.termination == .exited(0))
        #expect(outcome.output.count == 100)
        #expect(outcome.truncated)
        #expect(outcome.totalBytes == 2_000_000)
    }

    @Test("a signal is reported as one")
    func signal() throws {
        let outcome = try runner().run(Command("/bin/sh", ["-c", "kill -SEGV $$"]), timeLimit: .seconds(1000), outputCap: 100)
        #expect(outcome.termination == .signaled(11))
    }

    @Test("past the limit the child is killed and the outcome is timedOut")
    func timeLimit() throws {
        // The clock moves a second per read, so a 5-second limit passes within a few polls.
        let outcome = try runner().run(Command("/bin/sh", ["-c", "exec sleep 600"]), timeLimit: .seconds(5), outputCap: 100)
        #expect(outcome.termination == .timedOut)
    }

    @Test("what the child leaves running in its group is killed when it ends")
    func killsGroup() throws {
        let outcome = try runner().run(Command("/bin/sh", ["-c", "sleep 600 & echo $!"]), timeLimit: .seconds(1000), outputCap: 100)
        let pid = try #require(Int32(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Dead, or a zombie waiting for its reaper: never still asleep. It may be in the middle of
        // dying as the runner returns (its pipe closes before it is gone), so look a few times.
        func state() -> Substring? {
            (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
        }
        var seen = state()
        for _ in 0..<100_000 where seen != nil && seen != "Z" && seen != "X" { seen = state() }
        #expect(seen == nil || seen == "Z" || seen == "X", "the child's child is still \(seen ?? "")")
    }

    @Test("a folder to run in, and only the environment given")
    func directoryAndEnvironment() throws {
        let directory = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: "/tmp"), create: true)
        let outcome = try runner().run(Command("/bin/sh", ["-c", "pwd; echo ${SECRET:-none} $ONLY"], directory: directory.path, environment: ["ONLY": "given", "PATH": "/usr/bin:/bin"]),
                                       timeLimit: .seconds(1000), outputCap: 1000)
        #expect(outcome.output == "\(directory.resolvingSymlinksInPath().path)\nnone given\n")
    }

    @Test("a program that does not exist cannot start")
    func missingProgram() {
        #expect(throws: GradeError.self) {
            _ = try runner().run(Command("/nonexistent/program"), timeLimit: .seconds(5), outputCap: 10)
        }
    }
}

@Suite("ProcessSweeper: what escaped the process group")
struct ProcessSweeperTests {
    @Test("a marked process in a session of its own is found and killed; an unmarked one is left alone")
    func killsMarked() throws {
        #if os(Linux)
        let mark = "/tmp/sweeper-test-\(getpid())"
        var runner = ProcessRunner(monotonic: SteppingClock().monotonic)
        runner.drainLimit = .seconds(3)
        // setsid puts the sleeper outside the group the runner kills; the shell waits until the
        // sleeper has written its pid, by then in its own session, before it exits.
        let directory = try TemporaryDirectory(prefix: "sweeper")
        func start(_ name: String, mark: String) throws -> ProcessOutcome {
            let file = directory.url.appendingPathComponent(name).path
            let script = "setsid sh -c 'echo $$ > \(file); exec sleep 600' </dev/null >/dev/null 2>&1 & "
                + "while [ ! -s \(file) ]; do :; done; cat \(file)"
            return try runner.run(Command("/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin", ProcessSweeper.variable: mark]),
                                  timeLimit: .seconds(1000), outputCap: 100)
        }
        let marked = try start("marked", mark: mark)
        let other = try start("other", mark: mark + "-other")
        let markedPid = try #require(Int32(marked.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let otherPid = try #require(Int32(other.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(markedPid, 0) == 0, "setsid took the sleeper out of the group: the runner alone does not kill it")
        #expect(ProcessSweeper.kill(mark: mark + "-none") == 0)
        #expect(ProcessSweeper.kill(mark: mark) >= 1)
        #expect(kill(otherPid, 0) == 0, "a process with another mark is not touched")
        #expect(ProcessSweeper.kill(mark: mark + "-other") >= 1)
        #endif
    }
}
