import Foundation

/// Grades one kit's labs: per chapter, `not_attempted` when its sources are the starter's, else
/// builds it on its own and runs each of its checks in a process of its own.
///
/// ```swift
/// let grader = Grader(builder: builder, executor: executor, monotonic: monotonic)
/// let grade = grader.grade(kit: kit, chapters: try kit.chapters(), submissionID: "labs",
///                          solution: false, scratch: scratch)
/// print(grade.score, "/", grade.maxScore)
/// ```
public struct Grader: Sendable {
    /// What the grader is doing, for a progress line.
    public enum Progress: Sendable {
        case building(chapter: String)
        case checking(chapter: String, index: Int, count: Int, id: String)
        case graded(ChapterGrade)
    }

    public let builder: ChapterBuilder
    public let executor: CheckExecutor
    public let monotonic: Monotonic
    public var tool = "agent-labs grade \(GradeVersion.current)"
    public var toolchain = "unknown"
    public var progress: @Sendable (Progress) -> Void = { _ in }

    public init(builder: ChapterBuilder, executor: CheckExecutor, monotonic: Monotonic) {
        self.builder = builder
        self.executor = executor
        self.monotonic = monotonic
    }

    /// Grades `chapters` of `kit`.
    /// - Parameters:
    ///   - solution: Grade the reference solutions (`--solution`) instead of labs/; nothing is
    ///     `not_attempted` then.
    ///   - scratch: A folder for the checks' scratch folders; left as it was found.
    ///   - manifest: The starter manifest (the kit's own unless given).
    ///   - buildRoot: Where `swift build` runs, when not in `kit` (a batch's slot mounted at
    ///     the kit's path).
    public func grade(kit: Kit, chapters: [String], submissionID: String, solution: Bool, scratch: URL,
                      manifest: StarterManifest? = nil, buildRoot: URL? = nil) -> SubmissionGrade {
        let start = monotonic.read()
        let starters = manifest ?? (try? StarterManifest.load(from: kit)) ?? StarterManifest()
        var binPath: URL?
        var graded: [ChapterGrade] = []
        for chapter in chapters {
            let known = starters.chapters[chapter]?.checks ?? []
            if !solution && starters.isStarter(chapter, in: kit.labs) {
                let checks = known.map { GradedCheck(unrun: $0, status: .notAttempted, message: "not attempted: labs/\(chapter)/ is the starter, unchanged") }
                graded.append(ChapterGrade(chapter: chapter, buildStatus: .notAttempted, checks: checks))
                progress(.graded(graded[graded.count - 1]))
                continue
            }
            progress(.building(chapter: chapter))
            let (built, buildMilliseconds) = builder.build(chapter, in: buildRoot ?? kit.root)
            switch built {
            case .compileError(let diagnostics):
                let first = diagnostics.first?.summary ?? "it did not compile"
                let checks = known.map { GradedCheck(unrun: $0, status: .compileError, message: "labs/\(chapter) did not compile: \(first)") }
                graded.append(ChapterGrade(chapter: chapter, buildStatus: .compileError, diagnostics: diagnostics, checks: checks, buildMilliseconds: buildMilliseconds))
            case .failed(let why):
                let checks = known.map { GradedCheck(unrun: $0, status: .error, message: "the grader could not build \(chapter): \(why)") }
                graded.append(ChapterGrade(chapter: chapter, buildStatus: .error,
                                           diagnostics: [Diagnostic(file: "Package.swift", line: 0, column: 0, message: why)],
                                           checks: checks, buildMilliseconds: buildMilliseconds))
            case .built:
                if binPath == nil { binPath = builder.defaultBinPath(in: kit.root) }
                let binary = (binPath ?? kit.root.appendingPathComponent(".build/debug")).appendingPathComponent(chapter)
                let chapterScratch = scratch.appendingPathComponent(chapter)
                try? FileManager.default.createDirectory(at: chapterScratch, withIntermediateDirectories: true)
                guard let entries = executor.list(binary: binary, scratch: chapterScratch, solution: solution) ?? (known.isEmpty ? nil : known) else {
                    graded.append(ChapterGrade(chapter: chapter, buildStatus: .error,
                                               diagnostics: [Diagnostic(file: binary.path, line: 0, column: 0, message: "`check --list --json` gave no checks")],
                                               checks: [], buildMilliseconds: buildMilliseconds))
                    progress(.graded(graded[graded.count - 1]))
                    continue
                }
                var checks: [GradedCheck] = []
                for (index, entry) in entries.enumerated() {
                    progress(.checking(chapter: chapter, index: index, count: entries.count, id: entry.id))
                    checks.append(executor.run(entry, binary: binary, scratch: chapterScratch, solution: solution))
                }
                try? FileManager.default.removeItem(at: chapterScratch)
                graded.append(ChapterGrade(chapter: chapter, buildStatus: .ok, checks: checks, buildMilliseconds: buildMilliseconds))
            }
            progress(.graded(graded[graded.count - 1]))
        }
        return SubmissionGrade(
            submissionID: submissionID, tool: tool, toolchain: toolchain,
            durationMilliseconds: (monotonic.read() - start).milliseconds,
            containment: executor.sandbox.containment, chapters: graded
        )
    }
}

/// The grader's version, in every report.
public enum GradeVersion {
    public static let current = "1.0"
}

extension ChapterBuilder {
    /// `.build/debug` of the package at `root` when it is there, else what `swift build
    /// --show-bin-path` says.
    public func defaultBinPath(in root: URL) -> URL? {
        let usual = root.appendingPathComponent(".build/debug")
        if FileManager.default.fileExists(atPath: usual.path) { return usual }
        return binPath(in: root)
    }
}
