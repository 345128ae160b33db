import Foundation

/// Makes the starter manifest from a kit whose labs are pristine: hashes every chapter's files
/// and asks each chapter's executable for its checks.
public struct ManifestMaker: Sendable {
    public let builder: ChapterBuilder
    public let executor: CheckExecutor

    public init(builder: ChapterBuilder, executor: CheckExecutor) {
        self.builder = builder
        self.executor = executor
    }

    /// - Throws: `GradeError.manifest` when a chapter does not build or lists no checks.
    public func make(kit: Kit, scratch: URL, announce: (String) -> Void = { _ in }) throws -> StarterManifest {
        var manifest = StarterManifest()
        for chapter in try kit.chapters() {
            announce(chapter)
            let (outcome, _) = builder.build(chapter, in: kit.root)
            guard outcome == .built else { throw GradeError.manifest("\(chapter) does not build: \(outcome)") }
            let binary = (builder.defaultBinPath(in: kit.root) ?? kit.root.appendingPathComponent(".build/debug")).appendingPathComponent(chapter)
            guard let checks = executor.list(binary: binary, scratch: scratch, solution: false), !checks.isEmpty else {
                throw GradeError.manifest("\(chapter) check --list --json gave no checks")
            }
            manifest.chapters[chapter] = .init(files: StarterManifest.hashes(of: chapter, in: kit.labs), checks: checks)
        }
        return manifest
    }

    /// What differs between two manifests, one phrase per chapter: empty when they agree.
    public static func differences(committed: StarterManifest, fresh: StarterManifest) -> [String] {
        var found: [String] = []
        for chapter in Set(committed.chapters.keys).union(fresh.chapters.keys).sorted() {
            switch (committed.chapters[chapter], fresh.chapters[chapter]) {
            case (nil, _): found.append("\(chapter) is missing")
            case (_, nil): found.append("\(chapter) is no longer a chapter")
            case let (old?, new?):
                let files = Set(old.files.keys).union(new.files.keys).filter { old.files[$0] != new.files[$0] }.sorted()
                if !files.isEmpty { found.append("\(chapter): starter files changed: \(files.joined(separator: ", "))") }
                if old.checks != new.checks { found.append("\(chapter): its checks changed") }
            }
        }
        return found
    }
}
