import Foundation
import Grading
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `grade --watch`: grades the chapters once, then re-grades a chapter each time one of its
/// files is saved, and shows its first failing check with the hint. Ctrl-C stops it.
struct Watcher {
    let kit: Kit
    let chapters: [String]
    let grader: Grader
    let environment: GradeEnvironment

    func run() throws {
        let detector = ChangeDetector(kit: kit, chapters: chapters)
        var last = detector.snapshot()
        say("Watching labs/\(chapters.count == 1 ? chapters[0] : "") for saved files (Ctrl-C stops).")
        for chapter in chapters { try grade(chapter) }
        while true {
            usleep(500_000)
            let now = detector.snapshot()
            let changed = ChangeDetector.changed(from: last, to: now, chapters: chapters)
            last = now
            for chapter in changed {
                say("\n— \(chapter) changed: grading…")
                try grade(chapter)
                last = detector.snapshot()
            }
        }
    }

    private func grade(_ chapter: String) throws {
        let scratch = try environment.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let progress = ProgressLine(enabled: true)
        var grader = grader
        grader.progress = { progress.show($0) }
        let grade = grader.grade(kit: kit, chapters: [chapter], submissionID: "labs", solution: false, scratch: scratch)
        progress.clear()
        guard let result = grade.chapters.first else { return }
        say(WatchSummary(color: GradeEnvironment.wantsColor).render(result))
    }

    /// Prints at once, even when the output is a file or a pipe.
    private func say(_ text: String) {
        print(text)
        fflush(nil)
    }
}
