import ArgumentParser
import Ch11Checks
import Ch11State
import Ch11StateSolution
import LabChecks
import LabKit

/// `ch11-state`: chapter 11's demo and checks.
@main
struct Ch11StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch11-state",
        abstract: "Chapter 11, state management: run the demo or check your exercises.",
        discussion: """
            Your code lives in labs/ch11-state/; the assignment is labs/ch11-state/README.md.

              swift run ch11-state                 the demo, on your code
              swift run ch11-state --solution      the demo, on the reference solution
              swift run ch11-state check           check your exercises
            """,
        subcommands: [RunCommand.self, CheckCommand.self, CrashPhaseCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Chooses whose code runs: the student's (default) or the reference solution.
struct ImplementationOptions: ParsableArguments {
    @OptionGroup var choice: SolutionOption

    var exercises: Ch11Exercises {
        choice.pick(labs: Ch11State.exercises, solution: Ch11StateSolution.exercises)
    }

    var name: String { choice.name(chapter: "ch11-state") }

    var solution: Bool { choice.solution }
}
