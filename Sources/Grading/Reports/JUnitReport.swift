/// JUnit XML: a `<testsuite>` per chapter, a `<testcase>` per check, `<failure>` for a failed
/// check and `<error type="timeout|crash|compile_error|error">` for the rest, `<skipped>` for a
/// chapter not attempted; scores as `<properties>` of each suite. The shape of the Jenkins
/// JUnit schema (Tests/GradingTests/Fixtures/junit-10.xsd) that CI tools read.
public enum JUnitReport {
    public static func render(_ grades: [SubmissionGrade]) -> String {
        let all = grades.flatMap(\.checks)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"agent-labs\" tests=\"\(all.count)\" failures=\"\(all.filter { $0.status == .fail }.count)\""
            + " errors=\"\(all.filter { Self.isError($0.status) }.count)\" time=\"\(seconds(grades.reduce(0) { $0 + $1.durationMilliseconds }))\">\n"
        var id = 0
        for grade in grades {
            for chapter in grade.chapters {
                let name = grades.count == 1 ? chapter.chapter : "\(grade.submissionID).\(chapter.chapter)"
                let checks = chapter.checks
                xml += "  <testsuite name=\"\(escape(name))\" tests=\"\(checks.count)\""
                    + " failures=\"\(checks.filter { $0.status == .fail }.count)\""
                    + " errors=\"\(checks.filter { Self.isError($0.status) }.count)\""
                    + " skipped=\"\(checks.filter { $0.status == .notAttempted }.count)\""
                    + " time=\"\(seconds(chapter.buildMilliseconds + checks.reduce(0) { $0 + $1.durationMilliseconds }))\""
                    + " id=\"\(id)\" package=\"\(escape(grade.submissionID))\">\n"
                id += 1
                xml += "    <properties>\n"
                xml += property("submission", grade.submissionID)
                xml += property("build_status", chapter.buildStatus.rawValue)
                xml += property("score", "\(chapter.score)")
                xml += property("max_score", "\(chapter.maxScore)")
                xml += property("contained", "\(grade.containment.contained)")
                for check in checks { xml += property("score.\(check.id)", "\(check.score)/\(check.maxScore)") }
                xml += "    </properties>\n"
                for check in checks {
                    xml += "    <testcase name=\"\(escape(check.id))\" classname=\"\(escape(name))\" time=\"\(seconds(check.durationMilliseconds))\">\n"
                    let message = escape(check.message ?? "")
                    let body = escape([check.message, "hint: \(check.hint)"].compactMap { $0 }.joined(separator: "\n"))
                    switch check.status {
                    case .pass: break
                    case .fail: xml += "      <failure message=\"\(message)\" type=\"fail\">\(body)</failure>\n"
                    case .notAttempted: xml += "      <skipped message=\"\(message)\"/>\n"
                    case .error, .timeout, .crash, .compileError:
                        xml += "      <error message=\"\(message)\" type=\"\(check.status.rawValue)\">\(body)</error>\n"
                    }
                    if !check.output.isEmpty { xml += "      <system-out>\(escape(check.output))</system-out>\n" }
                    xml += "    </testcase>\n"
                }
                xml += "    <system-out></system-out>\n    <system-err></system-err>\n"
                xml += "  </testsuite>\n"
            }
        }
        return xml + "</testsuites>\n"
    }

    static func isError(_ status: GradeStatus) -> Bool {
        [.error, .timeout, .crash, .compileError].contains(status)
    }

    private static func property(_ name: String, _ value: String) -> String {
        "      <property name=\"\(escape(name))\" value=\"\(escape(value))\"/>\n"
    }

    private static func seconds(_ milliseconds: Double) -> String {
        String(Double(Int((milliseconds).rounded())) / 1000)
    }

    /// Text safe in XML attributes and content: the five entities, and characters XML 1.0
    /// forbids (control characters a student's output may hold) dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) || (0xD800...0xDFFF).contains(value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
