import ArgumentParser
import Foundation

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

    @Flag(help: "List the checks (id, points, title, one per line, tab-separated) without running them. With --json, a JSON array of id, title, points and hint.")
    public var list = false

    @Option(name: .customLong("exact"), help: ArgumentHelp(
        "Run only the check with exactly this id. Repeat for more; combines with --only.",
        valueName: "id"))
    public var exact: [String] = []

    @Option(name: .customLong("results-file"), help: ArgumentHelp(
        "Append each result to this file as one JSON line the moment its check finishes, and print nothing else: what the grader reads, so a crash keeps the results before it.",
        valueName: "path"))
    public var resultsFile: String?

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
        let checks = try selection(of: suite)
        if list {
            print(json ? try listing(of: checks) : checks.map { "\($0.id)\t\($0.points)\t\($0.title)" }.joined(separator: "\n"))
            return
        }
        if let resultsFile {
            let stream = try ResultStream(path: resultsFile)
            var allPassed = true
            for check in checks {
                let result = await CheckRunner().run(check, on: subject)
                try stream.append(result)
                allPassed = allPassed && result.status == .pass
            }
            if !allPassed { throw ExitCode.failure }
            return
        }
        var results: [CheckResult] = []
        for check in checks {
            results.append(await CheckRunner().run(check, on: subject))
        }
        let report = ChapterReport(chapter: suite.chapter, checks: results)
        if json {
            print(try report.json())
        } else {
            print(report.table(heading: heading, color: Terminal.wantsColor))
        }
        if !report.allPassed {
            throw ExitCode.failure
        }
    }

    /// The checks that `--only` and `--exact` choose, in the suite's order: every check when
    /// neither is given.
    /// - Throws: `ValidationError` for a prefix or an id that matches no check.
    public func selection<Subject>(of suite: CheckSuite<Subject>) throws -> [Check<Subject>] {
        let example = suite.checks.first.map { "; ids look like \($0.id)" } ?? ""
        for prefix in only where suite.checks(matching: [prefix]).isEmpty {
            throw ValidationError("no \(suite.chapter) check id starts with '\(prefix)'\(example). `--list` shows them all.")
        }
        for id in exact where !suite.checks.contains(where: { $0.id == id }) {
            throw ValidationError("no \(suite.chapter) check has the id '\(id)'\(example). `--list` shows them all.")
        }
        if only.isEmpty && exact.isEmpty { return suite.checks }
        return suite.checks.filter { check in exact.contains(check.id) || only.contains { check.id.hasPrefix($0) } }
    }

    /// `--list --json`: the checks as a JSON array of id, title, points and hint, in order.
    public func listing<Subject>(of checks: [Check<Subject>]) throws -> String {
        let entries = checks.map { CheckListing(id: $0.id, title: $0.title, points: $0.points, hint: $0.hint) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}

/// One entry of `check --list --json`: what a grader needs to report a check it could not run.
public struct CheckListing: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var points: Int
    public var hint: String

    public init(id: String, title: String, points: Int, hint: String) {
        self.id = id
        self.title = title
        self.points = points
        self.hint = hint
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
