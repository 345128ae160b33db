import LabChecks

/// The terminal's view of a grade: a table per chapter (✓/✗, points, the failing check's
/// message and hint), the course total, and whether the run was contained.
public struct TerminalReport: Sendable {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ grade: SubmissionGrade) -> String {
        let paint = Paint(enabled: color)
        var lines: [String] = []
        for chapter in grade.chapters {
            lines.append(contentsOf: table(chapter, paint: paint))
            lines.append("")
        }
        let passed = grade.checks.filter { $0.status == .pass }.count
        let percent = grade.maxScore == 0 ? 0 : Int((Double(grade.score) * 100 / Double(grade.maxScore)).rounded())
        lines.append(paint.bold("Course total: \(grade.score)/\(grade.maxScore) points (\(percent)%) · \(passed) of \(grade.checks.count) checks pass"))
        if !grade.containment.contained {
            lines.append(paint.yellow(grade.containment.detail))
        }
        if let error = grade.error { lines.append(paint.red("error: \(error)")) }
        return lines.joined(separator: "\n")
    }

    func table(_ chapter: ChapterGrade, paint: Paint) -> [String] {
        let summary = "\(chapter.passed) of \(chapter.checks.count) checks · \(chapter.score)/\(chapter.maxScore) points"
        switch chapter.buildStatus {
        case .notAttempted:
            return [paint.bold(chapter.chapter) + paint.dim("  not attempted: labs/\(chapter.chapter)/ is the starter · 0/\(chapter.maxScore) points")]
        case .compileError, .error:
            var lines = [paint.bold(chapter.chapter) + "  " + paint.red(chapter.buildStatus == .compileError ? "✗ did not compile" : "! could not be built")
                         + paint.dim(" · 0/\(chapter.maxScore) points")]
            for diagnostic in chapter.diagnostics { lines.append("    " + paint.red(diagnostic.summary)) }
            return lines
        case .ok:
            var lines = [paint.bold(chapter.chapter) + "  " + summary]
            let width = chapter.checks.map(\.id.count).max() ?? 0
            for check in chapter.checks {
                let mark = check.status == .pass ? paint.green(check.status.mark)
                    : check.status == .timeout ? paint.yellow(check.status.mark) : paint.red(check.status.mark)
                let points = "\(check.score)/\(check.maxScore)".padding(toLength: 5, withPad: " ", startingAt: 0)
                lines.append("  \(mark) \(check.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(points) \(check.name)")
                if check.status != .pass {
                    let label = check.status == .fail ? "" : "\(check.status.rawValue): "
                    lines.append("      " + paint.red(label + (check.message ?? "")))
                    if check.outputTruncated { lines.append("      " + paint.dim("its output was cut at the cap")) }
                    lines.append("      " + paint.dim("hint: \(check.hint)"))
                }
            }
            return lines
        }
    }
}
