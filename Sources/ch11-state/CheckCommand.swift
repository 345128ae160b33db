import ArgumentParser
import LabChecks

/// `ch11-state check`: runs chapter 11's checks and reports them.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your chapter 11 exercises.",
        discussion: """
            Runs every chapter 11 check against your code (or --solution) and prints which pass, \
            and for each one that does not, what was expected, what happened, and a hint. \
            Exits 0 only when every check passes, 1 when one does not, 64 for a usage error.
            """
    )

    @OptionGroup var implementation: ImplementationOptions

    @Flag(help: "Print the results as JSON (id, title, status, points, max_points, message, hint, duration_ms per check).")
    var json = false

    @Option(name: .customLong("only"), help: ArgumentHelp(
        "Run only the checks whose id starts with this prefix, such as ch11.retry. Repeat for more.",
        valueName: "id-prefix"))
    var only: [String] = []

    @Flag(help: "List the checks (id, points, title) without running them.")
    var list = false

    func validate() throws {
        for prefix in only where !Ch11Checks.suite.checks.contains(where: { $0.id.hasPrefix(prefix) }) {
            throw ValidationError("no chapter 11 check id starts with '\(prefix)'; ids look like ch11.retry.delays-double")
        }
    }

    func run() async throws {
        if list {
            for check in Ch11Checks.suite.checks {
                print("\(check.id)\t\(check.points)\t\(check.title)")
            }
            return
        }
        let report = await CheckRunner().run(Ch11Checks.suite, on: implementation.exercises, only: only)
        if json {
            print(try report.json())
        } else {
            print(report.table(heading: "Chapter 11 checks on \(implementation.name)", color: Terminal.wantsColor))
        }
        if !report.allPassed {
            throw ExitCode.failure
        }
    }
}
