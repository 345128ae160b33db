/// `summary.csv`: a row per submission, a column per check (its score, or its status when it
/// did not pass), after the submission's id, score and maximum.
public enum SummaryCSV {
    public static func render(_ grades: [SubmissionGrade]) -> String {
        var ids: [String] = []
        for grade in grades {
            for check in grade.checks where !ids.contains(check.id) { ids.append(check.id) }
        }
        var lines = [(["submission", "score", "max_score", "contained"] + ids).map(field).joined(separator: ",")]
        for grade in grades {
            let byID = Dictionary(grade.checks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let cells = ids.map { id -> String in
                guard let check = byID[id] else { return "" }
                return check.status == .pass ? "\(check.score)" : check.status.rawValue
            }
            lines.append(([grade.submissionID, "\(grade.score)", "\(grade.maxScore)", "\(grade.containment.contained)"] + cells).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
