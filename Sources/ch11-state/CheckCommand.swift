import ArgumentParser
import Ch11Checks
import LabChecks

/// `ch11-state check`: runs chapter 11's checks and reports them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CheckOptions.configuration(chapter: "chapter 11")

    @OptionGroup var implementation: ImplementationOptions
    @OptionGroup var options: CheckOptions

    func run() async throws {
        try await options.run(Ch11Checks.suite, on: implementation.exercises,
                              heading: "Chapter 11 checks on \(implementation.name)")
    }
}
