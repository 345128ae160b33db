import ArgumentParser
import Foundation
import Grading

/// `grade list`: every check of every chapter.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List every check of every chapter: id, points, title.",
        discussion: "Read from labs/starters.json, so nothing is built. `grade hint ID` says where to look for one."
    )

    @OptionGroup var kitOptions: KitOptions

    @Argument(help: ArgumentHelp("Chapters to list (default: every chapter).", valueName: "chapter"))
    var chapters: [String] = []

    func run() throws {
        let kit = try kitOptions.locate()
        let manifest = try StarterManifest.load(from: kit)
        for chapter in try kit.chapters(named: chapters) {
            guard let checks = manifest.chapters[chapter]?.checks else {
                print("\(chapter): not in labs/starters.json yet (`swift run grade manifest` adds it)")
                continue
            }
            print("\(chapter) (\(checks.count) checks, \(checks.reduce(0) { $0 + $1.points }) points)")
            for check in checks { print("  \(check.id)\t\(check.points)\t\(check.title)") }
        }
    }
}

/// `grade hint CHECK-ID`: what a check proves and where to look when it fails.
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show a check's title, points and hint.",
        discussion: "Example: swift run grade hint ch11.retry.delays-double"
    )

    @OptionGroup var kitOptions: KitOptions

    @Argument(help: ArgumentHelp("The check's id, as `grade list` shows it.", valueName: "check-id"))
    var id: String

    func run() throws {
        let kit = try kitOptions.locate()
        let manifest = try StarterManifest.load(from: kit)
        for (chapter, entry) in manifest.chapters.sorted(by: { $0.key < $1.key }) {
            if let check = entry.checks.first(where: { $0.id == id }) {
                print("\(check.id) (\(chapter), \(check.points) point\(check.points == 1 ? "" : "s"))")
                print("  \(check.title)")
                print("  hint: \(check.hint)")
                return
            }
        }
        let near = manifest.chapters.values.flatMap(\.checks).map(\.id).filter { $0.hasPrefix(id) || id.hasPrefix($0.split(separator: ".").prefix(2).joined(separator: ".")) }
        if !near.isEmpty { print("no check '\(id)'; did you mean:\n  " + near.prefix(8).joined(separator: "\n  ")) }
        throw ValidationError(GradeError.unknownCheck(id).description)
    }
}

/// `grade manifest`: records the starters' hashes and the chapters' checks in labs/starters.json.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Write labs/starters.json from the pristine labs (hashes of the starters and each chapter's checks).",
        discussion: """
            Run it on a clean checkout whenever a starter or a check changes. With --check it writes \
            nothing and exits 1 when the committed manifest is out of date (CI runs it so).
            """
    )

    @OptionGroup var kitOptions: KitOptions

    @Flag(help: "Only compare: exit 1 when labs/starters.json is out of date.")
    var check = false

    func run() throws {
        let kit = try kitOptions.locate()
        let environment = GradeEnvironment.start()
        let grader = environment.grader(timeLimit: .seconds(30), outputCap: 1 << 20)
        let scratch = try environment.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fresh = try ManifestMaker(builder: grader.builder, executor: grader.executor).make(kit: kit, scratch: scratch) { chapter in
            FileHandle.standardError.write(Data("manifest: building \(chapter)…\n".utf8))
        }
        let url = kit.root.appendingPathComponent(StarterManifest.path)
        let data = try fresh.encoded()
        if check {
            let committed = try StarterManifest.load(from: kit)
            let stale = ManifestMaker.differences(committed: committed, fresh: fresh)
            if stale.isEmpty {
                print("\(StarterManifest.path) is current (\(fresh.chapters.count) chapters)")
                return
            }
            print("\(StarterManifest.path) is out of date: \(stale.joined(separator: "; ")). Run `swift run grade manifest` on a clean checkout and commit it.")
            throw ExitCode.failure
        }
        try data.write(to: url)
        print("wrote \(StarterManifest.path): \(fresh.chapters.map { "\($0.key) (\($0.value.files.count) files, \($0.value.checks.count) checks)" }.sorted().joined(separator: ", "))")
    }
}
