import ArgumentParser
import Foundation
import Grading

/// `grade [CHAPTER...]`: the default subcommand.
struct GradeRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Grade the kit's labs, the solutions, or a folder of submissions (the default subcommand)."
    )

    @OptionGroup var kitOptions: KitOptions

    @Argument(help: ArgumentHelp("Chapters to grade, such as ch11-state (default: every chapter).", valueName: "chapter"))
    var chapters: [String] = []

    @Flag(help: "Grade the reference solutions (solutions/) instead of labs/.")
    var solutions = false

    @Option(help: ArgumentHelp("Grade every submission in this folder: each subfolder (or .zip) is a copy of the kit or of its labs/ folder.", valueName: "folder"))
    var submissions: String?

    @Option(help: "How many submissions to grade at once.")
    var jobs = 1

    @Option(help: ArgumentHelp("Reports to write, comma-separated: json, gradescope, exercism, junit, html.", valueName: "formats"))
    var format: String?

    @Option(help: ArgumentHelp("Where to write the reports (default: grade-reports).", valueName: "folder"))
    var output: String?

    @Option(help: ArgumentHelp("Real-time limit of each check, in seconds.", valueName: "seconds"))
    var timeLimit = 10

    @Option(help: ArgumentHelp("The most output kept per check, in bytes.", valueName: "bytes"))
    var outputCap = 65_536

    @Flag(help: "Watch labs/: re-grade a chapter each time one of its files is saved, and show its first failing check.")
    var watch = false

    @Flag(help: "Print the native JSON report instead of the table.")
    var json = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if timeLimit < 1 { throw ValidationError("--time-limit must be at least 1 second") }
        _ = try formats()
        if watch && (submissions != nil || solutions) { throw ValidationError("--watch grades your labs: leave out --submissions and --solutions") }
    }

    func formats() throws -> [ReportFormat] {
        guard let format else { return [] }
        return try format.split(separator: ",").map { name in
            guard let found = ReportFormat(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("unknown format '\(name)'; the formats are \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return found
        }
    }

    func run() throws {
        let kit = try kitOptions.locate()
        let environment = GradeEnvironment.start()
        let selected = try kit.chapters(named: chapters)
        var grader = environment.grader(timeLimit: .seconds(timeLimit), outputCap: outputCap)
        if watch {
            try Watcher(kit: kit, chapters: selected, grader: grader, environment: environment).run()
            return
        }
        let formats = try formats()
        let outputFolder = URL(fileURLWithPath: output ?? "grade-reports", isDirectory: true)

        if let submissions {
            let batch = SubmissionBatch(kit: kit, chapters: selected, grader: grader, environment: environment.batchEnvironment, jobs: jobs)
            let progress = ProgressLine(enabled: !json)
            let grades = try batch.grade(folder: URL(fileURLWithPath: submissions, isDirectory: true)) { done, total, name in
                progress.show("graded \(done)/\(total) submissions (last: \(name))")
            }
            progress.clear()
            try ReportWriter.writeBatch(grades, formats: formats.isEmpty ? [.json] : formats, to: outputFolder)
            print(BatchSummary(grades: grades).table())
            print("reports: \(outputFolder.path)")
            return
        }

        let progress = ProgressLine(enabled: !json)
        grader.progress = { event in progress.show(event) }
        let scratch = try environment.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let grade = grader.grade(kit: kit, chapters: selected, submissionID: solutions ? "solutions" : "labs",
                                 solution: solutions, scratch: scratch)
        progress.clear()
        if json {
            print(String(decoding: try JSONReport.encode(grade), as: UTF8.self), terminator: "")
        } else {
            print(TerminalReport(color: GradeEnvironment.wantsColor).render(grade))
        }
        if !formats.isEmpty {
            try ReportWriter.write(grade, formats: formats, to: outputFolder)
            if !json { print("reports: \(outputFolder.path)") }
        }
        let allPassed = grade.checks.allSatisfy { $0.status == .pass } && !grade.checks.isEmpty
        if !allPassed { throw ExitCode.failure }
    }
}
