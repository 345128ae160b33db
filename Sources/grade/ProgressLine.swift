import Foundation
import Grading
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line that says what the grader is doing, on standard error: rewritten in place on a
/// terminal, one line per chapter otherwise.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let terminal: Bool

    init(enabled: Bool) {
        self.enabled = enabled
        self.terminal = isatty(STDERR_FILENO) == 1
    }

    func show(_ event: Grader.Progress) {
        switch event {
        case .building(let chapter):
            show("building \(chapter)…")
        case .checking(let chapter, let index, let count, let id):
            if terminal { show("checking \(chapter) \(index + 1)/\(count): \(id)") }
        case .graded(let chapter):
            show("graded \(chapter.chapter): \(chapter.score)/\(chapter.maxScore) points", final: !terminal)
        }
    }

    func show(_ text: String, final: Bool = false) {
        guard enabled else { return }
        if terminal {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text.prefix(120))".utf8))
        } else if final || !text.hasPrefix("checking") {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    func clear() {
        if enabled && terminal { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
