import ArgumentParser
import Foundation
import LabChecks
import LabKit

/// `ch11-state run`: the chapter's story, on the embedded SQLite store.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the chapter 11 demo: retries, a deadline, a real crash, and a resume.",
        discussion: """
            A deployment of four steps runs on a SQLite database. The build is retried with \
            backoff, the smoke test hits its deadline, and the process is killed (SIGKILL) in the \
            middle of the rollout. A new process then opens the same database and resumes: \
            completed steps are not run again. Needs no network and no API key.
            """
    )

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var demo: DemoOptions

    func run() async throws {
        let directory = try demo.stateDirectory()
        print("Chapter 11 demo on \(implementation.name)")
        print("State: \(directory.appendingPathComponent(Demo.databaseName).path)\n")

        let status = try runFirstLife(in: directory)
        switch status {
        case .killed:
            print("\nThe first process was killed. This process, like a restarted service, opens the same database.\n")
        case .exited(Demo.notImplementedExitCode):
            throw ExitCode.failure
        case .exited(let code):
            print("The first process ended unexpectedly (exit status \(code)).")
            throw ExitCode.failure
        }
        let finished = await Demo(exercises: implementation.exercises, directory: directory, instant: demo.instant)
            .reportingUnfinishedExercises { try await $0.secondLife() }
        if !finished { throw ExitCode.failure }
    }

    private enum ChildStatus: Equatable {
        case killed
        case exited(Int32)
    }

    /// Runs the first life in a child process of this same program, which kills itself.
    private func runFirstLife(in directory: URL) throws -> ChildStatus {
        let child = Process()
        child.executableURL = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["crash-phase", "--state-dir", directory.path]
            + (implementation.solution ? ["--solution"] : [])
            + (demo.instant ? ["--instant"] : [])
        fflush(nil)
        try child.run()
        child.waitUntilExit()
        return child.terminationReason == .uncaughtSignal ? .killed : .exited(child.terminationStatus)
    }
}

/// `ch11-state crash-phase`: the demo's first life, in a process that kills itself.
struct CrashPhaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-phase",
        abstract: "The demo's first life (started by `run`; kills itself on purpose).",
        shouldDisplay: false
    )

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var demo: DemoOptions

    func run() async throws {
        let finished = await Demo(exercises: implementation.exercises, directory: try demo.stateDirectory(), instant: demo.instant)
            .reportingUnfinishedExercises { try await $0.firstLife() }
        if !finished { throw ExitCode(Demo.notImplementedExitCode) }
    }
}

/// Options shared by the demo's two lives.
struct DemoOptions: ParsableArguments {
    @Flag(help: "Do not wait in real time: backoffs and the deadline pass on a simulated clock.")
    var instant = false

    @Option(help: ArgumentHelp(
        "Where to keep the demo's SQLite database and side-effect log (default: a new temporary directory).",
        valueName: "directory"))
    var stateDir: String?

    func stateDirectory() throws -> URL {
        guard let stateDir else { return try TemporaryDirectory(prefix: "ch11-demo").url }
        let url = URL(fileURLWithPath: stateDir, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
