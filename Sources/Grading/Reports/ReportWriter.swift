import Foundation

/// The report formats `--format` names.
public enum ReportFormat: String, CaseIterable, Sendable {
    case json, gradescope, exercism, junit, html
}

/// Writes reports into a folder.
///
/// For one submission: `grade.json` (native), `results.json` (Gradescope),
/// `exercism/<chapter>/results.json`, `junit.xml`, `report.html`. For a batch: the same for
/// each submission in `<submission>/`, and `summary.csv`, `summary.json`, `junit.xml` (every
/// submission) and `index.html` (the class view) at the top.
public enum ReportWriter {
    public static func write(_ grade: SubmissionGrade, formats: [ReportFormat], to folder: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        for format in formats {
            switch format {
            case .json:
                try JSONReport.encode(grade).write(to: folder.appendingPathComponent("grade.json"))
            case .gradescope:
                try JSONReport.encode(GradescopeReport(grade)).write(to: folder.appendingPathComponent("results.json"))
            case .exercism:
                for chapter in grade.chapters {
                    let chapterFolder = folder.appendingPathComponent("exercism").appendingPathComponent(chapter.chapter)
                    try files.createDirectory(at: chapterFolder, withIntermediateDirectories: true)
                    try JSONReport.encode(ExercismReport(chapter)).write(to: chapterFolder.appendingPathComponent("results.json"))
                }
            case .junit:
                try Data(JUnitReport.render([grade]).utf8).write(to: folder.appendingPathComponent("junit.xml"))
            case .html:
                try Data(HTMLReport.submission(grade).utf8).write(to: folder.appendingPathComponent("report.html"))
            }
        }
    }

    public static func writeBatch(_ grades: [SubmissionGrade], formats: [ReportFormat], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for grade in grades {
            try write(grade, formats: formats, to: folder.appendingPathComponent(safeName(grade.submissionID)))
        }
        try Data(SummaryCSV.render(grades).utf8).write(to: folder.appendingPathComponent("summary.csv"))
        try JSONReport.encode(ClassStatistics(grades)).write(to: folder.appendingPathComponent("summary.json"))
        if formats.contains(.junit) {
            try Data(JUnitReport.render(grades).utf8).write(to: folder.appendingPathComponent("junit.xml"))
        }
        if formats.contains(.html) {
            try Data(HTMLReport.classView(grades).utf8).write(to: folder.appendingPathComponent("index.html"))
        }
    }

    /// A submission's name as a folder name: letters, digits, `-`, `_` and `.`, nothing else.
    public static func safeName(_ name: String) -> String {
        let kept = String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        return kept.isEmpty || kept.hasPrefix(".") ? "_" + kept : kept
    }
}
