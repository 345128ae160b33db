import LabChecks

/// What watch mode prints after each save: the chapter's score and its first failing check
/// with the message and the hint, or that all pass.
public struct WatchSummary: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ chapter: ChapterGrade) -> String {
        let paint = Paint(enabled: color)
        let head = "\(chapter.chapter): \(chapter.passed) of \(chapter.checks.count) checks pass · \(chapter.score)/\(chapter.maxScore) points"
        switch chapter.buildStatus {
        case .notAttempted:
            return paint.dim("\(head) · not attempted yet: start with labs/\(chapter.chapter)/README.md")
        case .compileError, .error:
            return ([paint.red("\(chapter.chapter) does not compile:")] + chapter.diagnostics.map { "  " + $0.summary }).joined(separator: "\n")
        case .ok:
            guard let first = chapter.checks.first(where: { $0.status != .pass }) else {
                return paint.green("✓ \(head): all done")
            }
            return [
                paint.bold(head),
                "  \(paint.red(first.status.mark)) \(first.id): \(first.name)",
                "      " + paint.red((first.status == .fail ? "" : "\(first.status.rawValue): ") + (first.message ?? "")),
                "      " + paint.dim("hint: \(first.hint)"),
            ].joined(separator: "\n")
        }
    }
}
