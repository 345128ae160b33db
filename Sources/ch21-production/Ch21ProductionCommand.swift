import ArgumentParser
import Ch21Checks
import Ch21Production
import Ch21ProductionSolution
import LabChecks
import LabKit

/// `ch21-production`: chapter 21's demo, its status, its checks and its benchmarks.
@main
struct Ch21ProductionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch21-production",
        abstract: "Chapter 21, production workflow: a durable task queue worked by several processes.",
        discussion: """
            Your code lives in labs/ch21-production/; the assignment is labs/ch21-production/README.md.

              swift run ch21-production                  the demo: 4 worker processes, 300 tasks
              swift run ch21-production --tasks 1000     a bigger run
              swift run ch21-production status           the queue: counts, dead letters, effects
              swift run ch21-production check            check your exercises
              swift run ch21-production --solution       the demo on the reference solution

            Kill the demo at any moment (Ctrl-C, or kill -9) and start it again: it resumes the \
            same run from the queue on disk.
            """,
        subcommands: [
            RunCommand.self, StatusCommand.self, CheckCommand.self,
            WorkerCommand.self, BenchCommand.self, BenchWorkerCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}

/// Chooses whose code runs: the student's (default) or the reference solution.
struct ImplementationOptions: ParsableArguments {
    @OptionGroup var choice: SolutionOption

    var exercises: Ch21Exercises {
        choice.pick(labs: Ch21Production.exercises, solution: Ch21ProductionSolution.exercises)
    }

    var name: String { choice.name(chapter: "ch21-production") }

    var solution: Bool { choice.solution }
}

/// `ch21-production check`: runs chapter 21's checks and reports them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CheckOptions.configuration(chapter: "chapter 21")

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var options: CheckOptions

    func run() async throws {
        try await options.run(Ch21Checks.suite, on: implementation.exercises,
                              heading: "Chapter 21 checks on \(implementation.name)")
    }
}
