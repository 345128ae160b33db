import Foundation
import LabChecks
import Grading
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Start-up: the real clock, the process runner, the sandbox and the toolchain, made once.
struct GradeEnvironment {
    let monotonic: Monotonic
    let runner: ProcessRunner
    let sandbox: Sandbox
    let toolchain: String
    let buildEnvironment: [String: String]

    static func start() -> GradeEnvironment {
        let clock = ContinuousClock()
        let origin = clock.now
        let monotonic = Monotonic { origin.duration(to: clock.now) }
        let runner = ProcessRunner(monotonic: monotonic)
        let environment = ProcessInfo.processInfo.environment
        let sandbox = Sandbox.detect(runner: runner, environment: environment)
        var buildEnvironment = environment
        buildEnvironment["NO_COLOR"] = "1"
        buildEnvironment["TERM"] = "dumb"
        let version = (try? runner.run(Command("swift", ["--version"], environment: buildEnvironment), timeLimit: .seconds(60), outputCap: 4096))?
            .output.split(separator: "\n").first { $0.contains("Swift version") }.map(String.init) ?? "unknown"
        return GradeEnvironment(monotonic: monotonic, runner: runner, sandbox: sandbox, toolchain: version, buildEnvironment: buildEnvironment)
    }

    func grader(timeLimit: Duration, outputCap: Int) -> Grader {
        var executor = CheckExecutor(runner: runner, sandbox: sandbox)
        executor.timeLimit = timeLimit
        executor.outputCap = outputCap
        var grader = Grader(builder: ChapterBuilder(runner: runner, environment: buildEnvironment), executor: executor, monotonic: monotonic)
        grader.toolchain = toolchain
        return grader
    }

    var batchEnvironment: SubmissionBatch.Environment {
        SubmissionBatch.Environment(runner: runner, buildEnvironment: buildEnvironment, sandbox: sandbox)
    }

    /// A new folder for the checks' scratch folders.
    func scratchFolder() throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("agent-labs-grade")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var template = Array(base.appendingPathComponent("run-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { throw GradeError.io("could not make a scratch folder in \(base.path)") }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }

    /// Colours for a terminal, never with NO_COLOR or TERM=dumb: the rule every command shares.
    static var wantsColor: Bool { Terminal.wantsColor }
}
