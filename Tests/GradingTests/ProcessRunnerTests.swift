import Foundation
import Grading
import LabKit
import Testing

// Each test runs its processes with `offThePool` and checks the outcome back in the test.

@Suite("ProcessRunner: real processes, a time limit on an injected clock, an output cap")
struct ProcessRunnerTests {
    private static func runner() -> ProcessRunner {
        var runner = ProcessRunner(monotonic: SteppingClock().monotonic)
        runner.drainLimit = .seconds(3)
        return runner
    }

    private func run(_ command: Command, limit: Duration = .seconds(1000), cap: Int = 1000) async throws -> ProcessOutcome {
        try await offThePool { try Self.runner().run(command, timeLimit: limit, outputCap: cap) }
    }

    @Test("the exit status and the output, standard error included")
    func exitStatus() async throws {
        let outcome = try await run(Command("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(outcome.termination == .exited(3))
        #expect(outcome.output == "out\nerr\n")
        #expect(!outcome.truncated)
    }

    @Test("output past the cap is counted, not kept, and the child is not blocked by it")
    func outputCap() async throws {
        let outcome = try await run(Command("/bin/sh", ["-c", "head -c 2000000 /dev/zero | tr '\\\\0' x; exit 0"]), cap: 100)
        #expect(outcome.termination == .exited(0))
        #expect(outcome.output.count == 100)
        #expect(outcome.truncated)
        #expect(outcome.totalBytes == 2_000_000)
    }

    @Test("a signal is reported as one")
    func signal() async throws {
        let outcome = try await run(Command("/bin/sh", ["-c", "kill -SEGV $$"]))
        #expect(outcome.termination == .signaled(11))
    }

    @Test("past the limit the child is killed and the outcome is timedOut")
    func timeLimit() async throws {
        // The clock moves a second per read, so a 5-second limit passes within a few polls.
        let outcome = try await run(Command("/bin/sh", ["-c", "exec sleep 600"]), limit: .seconds(5))
        #expect(outcome.termination == .timedOut)
    }

    @Test("what the child leaves running in its group is killed when it ends")
    func killsGroup() async throws {
        let outcome = try await run(Command("/bin/sh", ["-c", "sleep 600 & echo $!"]))
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
    func directoryAndEnvironment() async throws {
        let directory = try TemporaryDirectory(prefix: "runner")
        let outcome = try await run(Command("/bin/sh", ["-c", "pwd; echo ${SECRET:-none} $ONLY"], directory: directory.url.path,
                                            environment: ["ONLY": "given", "PATH": "/usr/bin:/bin"]))
        #expect(outcome.output == "\(directory.url.resolvingSymlinksInPath().path)\nnone given\n")
    }

    @Test("a program that does not exist cannot start")
    func missingProgram() async {
        await #expect(throws: GradeError.self) {
            _ = try await run(Command("/nonexistent/program"), limit: .seconds(5), cap: 10)
        }
    }
}

@Suite("ProcessSweeper: what escaped the process group")
struct ProcessSweeperTests {
    @Test("a marked process in a session of its own is found and killed; an unmarked one is left alone")
    func killsMarked() async throws {
        #if os(Linux)
        let mark = "/tmp/sweeper-test-\(getpid())"
        // setsid puts the sleeper outside the group the runner kills; the shell waits until the
        // sleeper has written its pid, by then in its own session, before it exits.
        let directory = try TemporaryDirectory(prefix: "sweeper")
        func start(_ name: String, mark: String) async throws -> Int32? {
            let file = directory.url.appendingPathComponent(name).path
            let script = "setsid sh -c 'echo $$ > \(file); exec sleep 600' </dev/null >/dev/null 2>&1 & "
                + "while [ ! -s \(file) ]; do sleep 0.01; done; cat \(file)"
            let command = Command("/bin/sh", ["-c", script], environment: ["PATH": "/usr/bin:/bin", ProcessSweeper.variable: mark])
            let outcome = try await offThePool {
                var runner = ProcessRunner(monotonic: SteppingClock().monotonic)
                runner.drainLimit = .seconds(3)
                return try runner.run(command, timeLimit: .seconds(1000), outputCap: 100)
            }
            return Int32(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let markedPid = try #require(try await start("marked", mark: mark))
        let otherPid = try #require(try await start("other", mark: mark + "-other"))
        #expect(kill(markedPid, 0) == 0, "setsid took the sleeper out of the group: the runner alone does not kill it")
        #expect(ProcessSweeper.kill(mark: mark + "-none") == 0)
        #expect(ProcessSweeper.kill(mark: mark) >= 1)
        #expect(kill(otherPid, 0) == 0, "a process with another mark is not touched")
        #expect(ProcessSweeper.kill(mark: mark + "-other") >= 1)
        #endif
    }
}
