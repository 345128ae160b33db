import ArgumentParser
import Foundation
import Grading

/// `grade`: grades every chapter of the kit, or many submissions, in processes it controls.
@main
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade your labs: every chapter, each check in a process of its own.",
        discussion: """
            Builds each chapter (swift build --product <chapter>) on its own, then runs each of \
            its checks in a separate, contained process with a real-time limit. A check that \
            crashes or hangs costs only that check; a chapter that does not compile costs only \
            that chapter. A chapter you have not touched is "not attempted".

              swift run grade                      grade every chapter in labs/
              swift run grade ch11-state           grade one chapter
              swift run grade --watch              re-grade a chapter when you save a file
              swift run grade hint ch11.retry.delays-double
              swift run grade list                 every check of every chapter
              swift run grade --solutions          grade the reference solutions

            Instructors:
              swift run grade --submissions DIR --jobs 2 \\
                  --format json,gradescope,exercism,junit,html --output reports

            Every option: swift run grade help run

            Exit status: 0 when every check passes, 1 when one does not, 64 for a usage error. \
            With --submissions: 0 once every submission is graded (their scores are in the reports).
            """,
        subcommands: [GradeRun.self, ListCommand.self, HintCommand.self, ManifestCommand.self],
        defaultSubcommand: GradeRun.self
    )
}

/// Options every subcommand shares: where the kit is.
struct KitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The kit's folder (default: the current folder or the nearest one above it with Package.swift and labs/).", valueName: "folder"))
    var kit: String?

    func locate() throws -> Kit {
        if let kit { return try Kit(root: URL(fileURLWithPath: kit, isDirectory: true)) }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        while true {
            if let found = try? Kit(root: folder) { return found }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { throw ValidationError("run grade inside the kit, or pass --kit FOLDER") }
            folder = parent
        }
    }
}
