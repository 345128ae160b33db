import ArgumentParser
import Ch11State
import Ch11StateSolution
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
    @Flag(help: "Use the reference solution in solutions/ch11-state/ instead of your code in labs/ch11-state/.")
    var solution = false

    var exercises: Ch11Exercises {
        solution ? Ch11StateSolution.exercises : Ch11State.exercises
    }

    var name: String {
        solution ? "the reference solution (solutions/ch11-state)" : "your code (labs/ch11-state)"
    }
}
