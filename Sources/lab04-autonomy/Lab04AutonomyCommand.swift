import ArgumentParser
import Lab04Autonomy
import Lab04AutonomySolution
import Lab04Checks
import LabChecks

/// `lab04-autonomy`: lab 04's demo and checks.
@main
struct Lab04AutonomyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab04-autonomy",
        abstract: "Lab 04, the agent loop: run the demo or check your exercises.",
        discussion: """
            Your code lives in labs/lab04-autonomy/; the assignment is labs/lab04-autonomy/README.md.

              swift run lab04-autonomy                      the demo, on your code
              swift run lab04-autonomy --solution --stream  the reference, streamed
              swift run lab04-autonomy --scenario runaway   a model that never stops
              swift run lab04-autonomy check                check your exercises
            """,
        subcommands: [RunCommand.self, CheckCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Chooses whose code runs: the student's (default) or the reference solution.
struct ImplementationOptions: ParsableArguments {
    @OptionGroup var choice: SolutionOption

    var exercises: Lab04Exercises {
        choice.pick(labs: Lab04Autonomy.exercises, solution: Lab04AutonomySolution.exercises)
    }

    var name: String { choice.name(chapter: "lab04-autonomy") }
}

/// `lab04-autonomy check`: runs lab 04's checks and reports them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CheckOptions.configuration(chapter: "lab 04")

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var options: CheckOptions

    func run() async throws {
        try await options.run(Lab04Checks.suite, on: implementation.exercises,
                              heading: "Lab 04 checks on \(implementation.name)")
    }
}
