import Foundation
import LabChecks

/// Runs a chapter's checks one process each (`<chapter> check --exact ID --results-file F`),
/// contained by the sandbox, and grades each from what it reported and how its process ended.
///
/// One process per check: a crash, a hang or a flood of output costs that check alone, and
/// its output is its own.
public struct CheckExecutor: Sendable {
    public let runner: any CommandRunning
    public let sandbox: Sandbox
    /// The real-time limit of each check's process.
    public var timeLimit: Duration = .seconds(10)
    /// The most output kept per check.
    public var outputCap = 64 << 10

    public init(runner: any CommandRunning, sandbox: Sandbox) {
        self.runner = runner
        self.sandbox = sandbox
    }

    /// The environment a check runs in: nothing of the grader's own but the PATH.
    public static func environment(scratch: String, path: String?) -> [String: String] {
        [
            "PATH": path ?? "/usr/bin:/bin",
            "HOME": scratch,
            "TMPDIR": scratch,
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "SWIFT_BACKTRACE": "enable=no",
        ]
    }

    /// The checks of the executable at `binary`, as `check --list --json` gives them.
    public func list(binary link: URL, scratch: URL, solution: Bool) -> [CheckEntry]? {
        let binary = link.resolvingSymlinksInPath()
        let folder = scratch.appendingPathComponent("list")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = Command(binary.path, ["check", "--list", "--json"] + (solution ? ["--solution"] : []),
                              directory: folder.path, environment: Self.environment(scratch: folder.path, path: nil))
        guard let outcome = try? runner.run(sandbox.wrap(command, scratch: folder.path, visible: [binary.deletingLastPathComponent().path]), timeLimit: .seconds(30), outputCap: 4 << 20),
              outcome.termination == .exited(0),
              let start = outcome.output.firstIndex(of: "[") else { return nil }
        return try? JSONDecoder().decode([CheckEntry].self, from: Data(outcome.output[start...].utf8))
    }

    /// Runs one check in a fresh scratch folder under `scratch`, and grades it.
    public func run(_ entry: CheckEntry, binary link: URL, scratch: URL, solution: Bool) -> GradedCheck {
        let binary = link.resolvingSymlinksInPath()
        let folder = scratch.appendingPathComponent("check-\(SHA256.hex(Array(entry.id.utf8)).prefix(12))")
        try? FileManager.default.removeItem(at: folder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return GradedCheck(unrun: entry, status: .error, message: "the grader could not make a scratch folder: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = folder.appendingPathComponent("results.jsonl").path
        var environment = Self.environment(scratch: folder.path, path: nil)
        environment[ProcessSweeper.variable] = folder.path
        let command = Command(
            binary.path,
            ["check", "--exact", entry.id, "--results-file", results] + (solution ? ["--solution"] : []),
            directory: folder.path,
            environment: environment
        )
        // Whatever it started in a session of its own goes too.
        defer { ProcessSweeper.kill(mark: folder.path) }
        let outcome: ProcessOutcome
        do {
            outcome = try runner.run(sandbox.wrap(command, scratch: folder.path, visible: [binary.deletingLastPathComponent().path]), timeLimit: timeLimit, outputCap: outputCap)
        } catch {
            return GradedCheck(unrun: entry, status: .error, message: "\(error)")
        }
        let reported = ResultStream.read(path: results).first { $0.id == entry.id }
        let sandboxed = if case .bubblewrap = sandbox.mode { true } else { false }
        return Verdict.grade(entry, reported: reported, outcome: outcome, timeLimit: timeLimit, sandboxed: sandboxed)
    }
}
