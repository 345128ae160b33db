/// Self-contained HTML pages (inline CSS and SVG, no script, nothing fetched): one for a
/// submission, and the class view for a batch.
public enum HTMLReport {
    /// The page for one submission: its total, a bar per chapter, and each check.
    public static func submission(_ grade: SubmissionGrade) -> String {
        var body = "<h1>\(escape(grade.submissionID)): \(grade.score)/\(grade.maxScore) points</h1>\n"
        body += "<p class=\"meta\">\(escape(grade.tool)) · \(escape(grade.toolchain)) · \(format(grade.durationMilliseconds / 1000)) s · "
            + "\(grade.containment.contained ? "contained" : "<strong>not contained</strong>"): \(escape(grade.containment.detail))</p>\n"
        body += barChart(id: "chapters", title: "Score per chapter",
                         bars: grade.chapters.map { ($0.chapter, $0.maxScore == 0 ? 0 : Double($0.score) / Double($0.maxScore), "\($0.score)/\($0.maxScore)") })
        for chapter in grade.chapters {
            body += "<h2>\(escape(chapter.chapter)) <span class=\"status \(chapter.buildStatus.rawValue)\">\(chapter.buildStatus.rawValue)</span> \(chapter.score)/\(chapter.maxScore)</h2>\n"
            if !chapter.diagnostics.isEmpty {
                body += "<pre class=\"diagnostics\">\(escape(chapter.diagnostics.map(\.summary).joined(separator: "\n")))</pre>\n"
            }
            body += "<table><thead><tr><th>check</th><th>status</th><th>points</th><th>what happened</th></tr></thead><tbody>\n"
            for check in chapter.checks {
                var detail = check.status == .pass ? "" : "\(escape(check.message ?? ""))<br><span class=\"hint\">hint: \(escape(check.hint))</span>"
                if !check.output.isEmpty {
                    detail += "<details><summary>output\(check.outputTruncated ? " (cut at the cap)" : "")</summary><pre>\(escape(String(check.output.prefix(4000))))</pre></details>"
                }
                body += "<tr><td><code>\(escape(check.id))</code><br>\(escape(check.name))</td><td><span class=\"status \(check.status.rawValue)\">\(check.status.rawValue)</span></td>"
                    + "<td>\(check.score)/\(check.maxScore)</td><td>\(detail)</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        return page(title: "\(grade.submissionID): grade", body: body)
    }

    /// The class view: the score distribution, the pass rate of each check, the commonest
    /// failure messages of each check, and a row per student.
    public static func classView(_ grades: [SubmissionGrade]) -> String {
        let statistics = ClassStatistics(grades)
        var body = "<h1>Class: \(statistics.submissions) submissions</h1>\n"
        body += "<p class=\"meta\">mean \(format(statistics.meanScore)) of \(statistics.maxScore) points</p>\n"
        body += histogram(statistics.distribution)
        body += barChart(id: "pass-rate", title: "Pass rate per check",
                         bars: statistics.checks.map { ($0.id, $0.passRate, "\(Int(($0.passRate * 100).rounded()))%") })
        body += "<h2>Commonest failures per check</h2>\n<table><thead><tr><th>check</th><th>passed</th><th>commonest messages</th></tr></thead><tbody>\n"
        for check in statistics.checks where !check.commonestFailures.isEmpty {
            let messages = check.commonestFailures.map { "<li>×\($0.count) \(escape($0.message))</li>" }.joined()
            body += "<tr><td><code>\(escape(check.id))</code></td><td>\(check.passed)/\(check.graded)</td><td><ul>\(messages)</ul></td></tr>\n"
        }
        body += "</tbody></table>\n"
        let chapters = Array(Set(grades.flatMap { $0.chapters.map(\.chapter) })).sorted()
        body += "<h2>Students</h2>\n<table id=\"students\"><thead><tr><th>submission</th><th>score</th>"
            + chapters.map { "<th>\(escape($0))</th>" }.joined() + "<th>report</th></tr></thead><tbody>\n"
        for row in statistics.rows {
            body += "<tr><td>\(escape(row.submission))</td><td>\(row.score)/\(row.maxScore)</td>"
                + chapters.map { "<td>\(escape(row.chapters[$0] ?? row.error ?? ""))</td>" }.joined()
                + "<td><a href=\"\(escape(ReportWriter.safeName(row.submission)))/report.html\">report</a></td></tr>\n"
        }
        body += "</tbody></table>\n"
        return page(title: "Class view", body: body)
    }

    /// Horizontal bars, one per entry, each a fraction of the full width.
    static func barChart(id: String, title: String, bars: [(label: String, fraction: Double, text: String)]) -> String {
        let rowHeight = 22, labelWidth = 300, barWidth = 400
        let height = max(1, bars.count) * rowHeight + 10
        var svg = "<h2>\(escape(title))</h2>\n<svg class=\"chart\" id=\"\(id)\" role=\"img\" aria-label=\"\(escape(title))\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 60) \(height)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 5
            let width = Int((max(0, min(1, bar.fraction)) * Double(barWidth)).rounded())
            let colour = bar.fraction >= 0.999 ? "#2e7d32" : bar.fraction >= 0.5 ? "#f9a825" : "#c62828"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(bar.label))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(rowHeight - 6)\" fill=\"#eee\"/>"
                + "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"\(colour)\"/>"
                + "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 15)\">\(escape(bar.text))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Vertical bars: how many submissions scored in each tenth of the maximum.
    static func histogram(_ buckets: [Int]) -> String {
        let width = 60, height = 160, top = buckets.max() ?? 0
        var svg = "<h2>Score distribution</h2>\n<svg class=\"chart\" id=\"distribution\" role=\"img\" aria-label=\"Score distribution\" width=\"\(buckets.count * width + 20)\" height=\"\(height + 40)\" viewBox=\"0 0 \(buckets.count * width + 20) \(height + 40)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, count) in buckets.enumerated() {
            let barHeight = top == 0 ? 0 : Int(Double(count) / Double(top) * Double(height - 20))
            let x = 10 + index * width
            let label = index == 10 ? "100%" : "\(index * 10)–\(index * 10 + 9)%"
            svg += "<rect class=\"bar\" x=\"\(x + 5)\" y=\"\(height - barHeight)\" width=\"\(width - 10)\" height=\"\(barHeight)\" fill=\"#1565c0\"/>"
                + "<text x=\"\(x + width / 2)\" y=\"\(height - barHeight - 4)\" text-anchor=\"middle\">\(count)</text>"
                + "<text x=\"\(x + width / 2)\" y=\"\(height + 16)\" text-anchor=\"middle\" font-size=\"11\">\(label)</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
        code { font-size: .92em; } pre { background: #f6f6f6; padding: .5em; overflow-x: auto; max-height: 20em; }
        .meta { color: #666; } .hint { color: #555; font-style: italic; }
        .status { padding: 1px 6px; border-radius: 3px; color: #fff; font-size: .85em; background: #777; }
        .status.pass, .status.ok { background: #2e7d32; } .status.fail, .status.compile_error { background: #c62828; }
        .status.error, .status.crash { background: #6a1b9a; } .status.timeout { background: #ef6c00; }
        .status.not_attempted { background: #9e9e9e; }
        svg.chart text { font: 12px system-ui, sans-serif; fill: #333; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func format(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }

    static func escape(_ text: String) -> String {
        JUnitReport.escape(text)
    }
}
