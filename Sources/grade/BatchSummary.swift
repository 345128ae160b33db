import Grading

/// The terminal's view of a batch: a line per submission.
struct BatchSummary {
    let grades: [SubmissionGrade]

    func table() -> String {
        let width = max(10, grades.map(\.submissionID.count).max() ?? 0)
        var lines: [String] = []
        for grade in grades {
            let name = grade.submissionID.padding(toLength: width, withPad: " ", startingAt: 0)
            if let error = grade.error {
                lines.append("\(name)  error: \(error)")
                continue
            }
            let chapters = grade.chapters.map { chapter in
                chapter.buildStatus == .ok ? "\(chapter.chapter) \(chapter.score)/\(chapter.maxScore)" : "\(chapter.chapter) \(chapter.buildStatus.rawValue)"
            }.joined(separator: ", ")
            lines.append("\(name)  \(grade.score)/\(grade.maxScore)  \(chapters)")
        }
        lines.append("\(grades.count) submissions graded")
        return lines.joined(separator: "\n")
    }
}
