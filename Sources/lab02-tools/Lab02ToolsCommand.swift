import ArgumentParser
import Lab02Checks
import Lab02Tools
import Lab02ToolsSolution
import LabChecks

/// `lab02-tools`: lab 02's demo and checks.
@main
struct Lab02ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab02-tools",
        abstract: "Lab 02, tools: run the demo or check your exercises.",
        discussion: """
            Your code lives in labs/lab02-tools/; the assignment is labs/lab02-tools/README.md.

              swift run lab02-tools                         the demo, on your code
              swift run lab02-tools --solution              the reference solution
              swift run lab02-tools --scenario flaky-tool   a tool that fails once
              swift run lab02-tools check                   check your exercises
            """,
        subcommands: [RunCommand.self, CheckCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Chooses whose code runs: the student's (default) or the reference solution.
struct ImplementationOptions: ParsableArguments {
    @OptionGroup var choice: SolutionOption

    var exercises: Lab02Exercises {
        choice.pick(labs: Lab02Tools.exercises, solution: Lab02ToolsSolution.exercises)
    }

    var name: String { choice.name(chapter: "lab02-tools") }
}

/// `lab02-tools check`: runs lab 02's checks and reports them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CheckOptions.configuration(chapter: "lab 02")

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var options: CheckOptions

    func run() async throws {
        try await options.run(Lab02Checks.suite, on: implementation.exercises,
                              heading: "Lab 02 checks on \(implementation.name)")
    }
}
