import ArgumentParser

/// The options of every chapter's `check` command, and what they do: list, filter, run, report.
///
/// A chapter's executable declares its `check` subcommand in a few lines:
///
/// ```swift
/// struct CheckCommand: AsyncParsableCommand {
///     static let configuration = CheckOptions.configuration(chapter: "chapter 11")
///     @OptionGroup var implementation: ImplementationOptions
///     @OptionGroup var options: CheckOptions
///
///     func run() async throws {
///         try await options.run(Ch11Checks.suite, on: implementation.exercises,
///                               heading: "Chapter 11 checks on \(implementation.name)")
///     }
/// }
/// ```
public struct CheckOptions: ParsableArguments {
    @Flag(help: "Print the results as JSON: per check its id, title, status, points, max_points, message, hint, not_implemented, duration_ms and simulated_ms.")
    public var json = false

    @Option(name: .customLong("only"), help: ArgumentHelp(
        "Run only the checks whose id starts with this prefix, such as ch11.retry. Repeat for more.",
        valueName: "id-prefix"))
    public var only: [String] = []

    @Flag(help: "List the checks (id, points, title, one per line, tab-separated) without running them.")
    public var list = false

    public init() {}

    /// The `check` subcommand's configuration for a chapter, with help that says what it does
    /// and what its exit codes mean.
    /// - Parameter chapter: How the chapter is named in sentences, as in "chapter 11" or "lab 02".
    public static func configuration(chapter: String) -> CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: "Check your \(chapter) exercises.",
            discussion: """
                Runs every \(chapter) check against your code (or --solution) and prints which pass, \
                and for each one that does not, what was expected, what happened, and a hint. \
                Exits 0 only when every check run passes, 1 when one does not, 64 for a usage error.
                """
        )
    }

    /// Lists or runs the checks of `suite` on `subject`, prints the table or the JSON, and
    /// exits with status 1 unless every check run passed.
    /// - Parameters:
    ///   - suite: The chapter's checks.
    ///   - subject: The implementation to check.
    ///   - heading: The table's first line, saying whose code was checked.
    /// - Throws: `ValidationError` for an `--only` prefix that matches no check; `ExitCode.failure`
    ///   when a check did not pass.
    public func run<Subject>(_ suite: CheckSuite<Subject>, on subject: Subject, heading: String) async throws {
        for prefix in only where suite.checks(matching: [prefix]).isEmpty {
            let example = suite.checks.first.map { "; ids look like \($0.id)" } ?? ""
            throw ValidationError("no \(suite.chapter) check id starts with '\(prefix)'\(example). `--list` shows them all.")
        }
        if list {
            for check in suite.checks(matching: only) {
                print("\(check.id)\t\(check.points)\t\(check.title)")
            }
            return
        }
        let report = await CheckRunner().run(suite, on: subject, only: only)
        if json {
            print(try report.json())
        } else {
            print(report.table(heading: heading, color: Terminal.wantsColor))
        }
        if !report.allPassed {
            throw ExitCode.failure
        }
    }
}

/// The flag that chooses whose code a chapter's command runs: the student's (default) or the
/// reference solution. A chapter maps it to its exercises value.
public struct SolutionOption: ParsableArguments {
    @Flag(help: "Use the reference solution (solutions/) instead of your code (labs/).")
    public var solution = false

    public init() {}

    /// Whose code runs, for headings: "your code (labs/ch11-state)" or
    /// "the reference solution (solutions/ch11-state)".
    /// - Parameter chapter: The chapter's folder name, as in `ch11-state`.
    public func name(chapter: String) -> String {
        solution ? "the reference solution (solutions/\(chapter))" : "your code (labs/\(chapter))"
    }

    /// The student's implementation, or the reference with `--solution`.
    public func pick<Subject>(labs: Subject, solution reference: Subject) -> Subject {
        solution ? reference : labs
    }
}
