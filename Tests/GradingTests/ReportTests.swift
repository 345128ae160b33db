import Foundation
import Grading
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Reports: native JSON, Gradescope, Exercism v3, JUnit, HTML, summary")
struct ReportTests {
    private let grade = submission("student-1", [
        ChapterGrade(chapter: "ch11-state", buildStatus: .ok, checks: [
            graded("ch11.retry.first", .pass, points: 2, output: "hello"),
            graded("ch11.retry.second", .fail, message: "expected [1s], got []"),
            graded("ch11.resume.crash", .crash, output: String(repeating: "y", count: 900)),
            graded("ch11.resume.hang", .timeout),
        ]),
        ChapterGrade(chapter: "lab02-tools", buildStatus: .compileError,
                     diagnostics: [Diagnostic(file: "labs/lab02-tools/T.swift", line: 3, column: 1, message: "expected '}'")],
                     checks: [graded("lab02.a", .compileError, points: 3)]),
        ChapterGrade(chapter: "lab04-autonomy", buildStatus: .notAttempted, checks: [graded("lab04.a", .notAttempted)]),
    ])

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("native JSON carries every field the issue lists, and reads back")
    func nativeJSON() throws {
        let data = try JSONReport.encode(grade)
        let json = try object(data)
        for key in ["schema_version", "tool", "toolchain", "submission_id", "duration_ms", "score", "max_score", "chapters", "containment"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        let chapter = try #require((json["chapters"] as? [[String: Any]])?.first)
        #expect(chapter["build_status"] as? String == "ok")
        let check = try #require((chapter["checks"] as? [[String: Any]])?.first)
        for key in ["id", "name", "status", "score", "max_score", "message", "output", "output_truncated", "duration_ms", "hint"] {
            #expect(check[key] != nil, "missing \(key)")
        }
        #expect(try JSONDecoder().decode(SubmissionGrade.self, from: data) == grade)
        #expect(json["score"] as? Int == 2 && json["max_score"] as? Int == 9)
    }

    @Test("Gradescope: score, execution_time, and per test name, number, score, max_score, status, output, visibility")
    func gradescope() throws {
        let json = try object(try JSONReport.encode(GradescopeReport(grade)))
        #expect(json["score"] as? Int == 2)
        #expect(json["execution_time"] as? Double == 1.23)
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 6)
        #expect(Set(tests[0].keys) == ["name", "number", "score", "max_score", "status", "output", "visibility"])
        #expect(tests.map { $0["status"] as? String } == ["passed", "failed", "failed", "failed", "failed", "failed"])
        #expect(tests[1]["number"] as? String == "1.2")
        #expect((tests[1]["output"] as? String)?.contains("hint: hint for ch11.retry.second") == true)
    }

    @Test("Exercism v3: a file per chapter; pass/fail/error; output cut to 500 characters; task_id per topic")
    func exercism() throws {
        let report = ExercismReport(grade.chapters[0])
        #expect(report.version == 3)
        #expect(report.status == "fail")
        #expect(report.tests.map(\.status) == ["pass", "fail", "error", "error"])
        #expect(report.tests.map(\.taskID) == [1, 1, 2, 2])
        #expect(report.tests[2].output?.count == 500)
        #expect(report.tests[0].message == nil)
        let broken = ExercismReport(grade.chapters[1])
        #expect(broken.status == "error")
        #expect(broken.message == "labs/lab02-tools/T.swift:3: expected '}'")
        let json = try object(try JSONReport.encode(report))
        #expect(Set(((json["tests"] as? [[String: Any]])?.first ?? [:]).keys) == ["name", "status", "message", "output", "task_id"])
    }

    #if canImport(FoundationXML) || os(macOS)
    @Test("JUnit XML has the shape of the Jenkins JUnit schema (junit-10.xsd) that CI tools read")
    func junitSchema() throws {
        let text = JUnitReport.render([grade, submission("student-2", [grade.chapters[0]])])
        let document = try XMLDocument(data: Data(text.utf8))
        let root = try #require(document.rootElement())
        try JUnitSchema.validate(root)
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 4)
        #expect(suites[0].attribute(forName: "name")?.stringValue == "student-1.ch11-state")
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.map { $0.elements(forName: "failure").count } == [0, 1, 0, 0])
        #expect(cases.compactMap { $0.elements(forName: "error").first?.attribute(forName: "type")?.stringValue } == ["crash", "timeout"])
        #expect(suites[1].elements(forName: "testcase").first?.elements(forName: "error").first?.attribute(forName: "type")?.stringValue == "compile_error")
        #expect(suites[2].elements(forName: "testcase").first?.elements(forName: "skipped").count == 1)
        let properties = suites[0].elements(forName: "properties").first?.elements(forName: "property") ?? []
        let byName = Dictionary(uniqueKeysWithValues: properties.compactMap { p in p.attribute(forName: "name")?.stringValue.map { ($0, p.attribute(forName: "value")?.stringValue ?? "") } })
        #expect(byName["score"] == "2" && byName["max_score"] == "5" && byName["score.ch11.retry.first"] == "2/2")
        #expect(suites[0].attribute(forName: "failures")?.stringValue == "1")
        #expect(suites[0].attribute(forName: "errors")?.stringValue == "2")
    }

    @Test("JUnit: a student's output with markup and control characters stays well-formed XML")
    func junitEscapes() throws {
        let hostile = submission("s", [ChapterGrade(chapter: "c", buildStatus: .ok, checks: [
            graded("c.x", .fail, message: "</failure><x a=\"1\"> & \u{0}\u{7}", output: "]]> <script>\u{1B}[31m"),
        ])])
        let document = try XMLDocument(data: Data(JUnitReport.render([hostile]).utf8))
        let root = try #require(document.rootElement())
        try JUnitSchema.validate(root)
        let failure = root.elements(forName: "testsuite").first?.elements(forName: "testcase").first?.elements(forName: "failure").first
        #expect(failure?.attribute(forName: "message")?.stringValue == "</failure><x a=\"1\"> & ")
    }
    #endif

    @Test("HTML is self-contained: no script, no stylesheet or image fetched, charts inline")
    func htmlSelfContained() {
        for page in [HTMLReport.submission(grade), HTMLReport.classView([grade, submission("student-2", [grade.chapters[0]])])] {
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(!page.contains("<script"))
            #expect(!page.contains("<link"))
            #expect(!page.contains("src="))
            #expect(page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "http") == nil)
            #expect(page.contains("<svg class=\"chart\""))
        }
        let page = HTMLReport.classView([grade])
        #expect(page.contains("id=\"distribution\"") && page.contains("id=\"pass-rate\"") && page.contains("id=\"students\""))
        #expect(page.contains("×1 expected [1s], got []"))
    }

    @Test("class statistics: distribution, pass rate and the commonest failure first")
    func classStatistics() {
        let a = submission("a", [ChapterGrade(chapter: "c", buildStatus: .ok, checks: [graded("c.x", .pass), graded("c.y", .fail, message: "m1")])])
        let b = submission("b", [ChapterGrade(chapter: "c", buildStatus: .ok, checks: [graded("c.x", .fail, message: "m2"), graded("c.y", .fail, message: "m1")])])
        let c = submission("c", [ChapterGrade(chapter: "c", buildStatus: .ok, checks: [graded("c.x", .pass), graded("c.y", .fail, message: "m3")])])
        let d = submission("d", [ChapterGrade(chapter: "c", buildStatus: .notAttempted, checks: [graded("c.x", .notAttempted), graded("c.y", .notAttempted)])])
        let statistics = ClassStatistics([a, b, c, d], failuresPerCheck: 3)
        #expect(statistics.distribution == [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0])
        #expect(statistics.checks.map(\.passed) == [2, 0])
        #expect(statistics.checks.map(\.graded) == [4, 4])
        #expect(statistics.checks[1].commonestFailures.map(\.message) == ["m1", "m3"])
        #expect(statistics.checks[1].commonestFailures.first?.count == 2)
        #expect(statistics.checks[1].statuses == ["fail": 3, "not_attempted": 1])
    }

    @Test("summary.csv: a row per submission, a column per check, fields quoted when they must be")
    func summaryCSV() {
        let csv = SummaryCSV.render([grade, submission("odd, \"name\"", [])])
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "submission,score,max_score,contained,ch11.retry.first,ch11.retry.second,ch11.resume.crash,ch11.resume.hang,lab02.a,lab04.a")
        #expect(lines[1] == "student-1,2,9,true,2,fail,crash,timeout,compile_error,not_attempted")
        #expect(lines[2] == "\"odd, \"\"name\"\"\",0,0,true,,,,,,")
    }

    @Test("terminal: ✓ and ✗ with points, message and hint; no colour unless asked")
    func terminal() {
        let text = TerminalReport(color: false).render(grade)
        #expect(text.contains("✓ ch11.retry.first"))
        #expect(text.contains("✗ ch11.retry.second"))
        #expect(text.contains("hint: hint for ch11.retry.second"))
        #expect(text.contains("labs/lab02-tools/T.swift:3: expected '}'"))
        #expect(text.contains("Course total: 2/9 points (22%)"))
        #expect(!text.contains("\u{1B}["))
        #expect(TerminalReport(color: true).render(grade).contains("\u{1B}[32m"))
        let watch = WatchSummary(color: false).render(grade.chapters[0])
        #expect(watch.contains("ch11.retry.second") && watch.contains("hint: hint for ch11.retry.second"))
    }
}
