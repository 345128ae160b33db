import Foundation

extension ChapterReport {
    /// The report as a table for a terminal: one line per check, and under each check that did
    /// not pass, its message and hint.
    ///
    /// - Parameters:
    ///   - heading: A line printed first, such as which implementation was checked.
    ///   - color: Whether to use ANSI colors; see ``Terminal/wantsColor``.
    public func table(heading: String, color: Bool) -> String {
        let paint = Paint(enabled: color)
        let idWidth = checks.map(\.id.count).max() ?? 0
        var lines = [paint.bold(heading), ""]
        // Checks that found a function unwritten read as one line per function, where the
        // first of them stands.
        let unwritten = Dictionary(grouping: checks.filter { $0.unimplemented != nil }) { $0.unimplemented ?? "" }
        var listed: Set<String> = []
        for check in checks {
            if let function = check.unimplemented {
                guard listed.insert(function).inserted, let group = unwritten[function] else { continue }
                let points = group.reduce(0) { $0 + $1.maxPoints }
                let count = group.count == 1 ? "1 check" : "\(group.count) checks"
                lines.append("  \(paint.red("✗")) \(function) is not implemented yet "
                    + paint.dim("(\(count) in \(Self.topics(of: group.map(\.id))), 0/\(points) points)"))
                continue
            }
            let mark = switch check.status {
            case .pass: paint.green("✓")
            case .fail: paint.red("✗")
            case .error: paint.red("!")
            case .timeout: paint.yellow("⧗")
            }
            let id = check.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let points = "\(check.points)/\(check.maxPoints)".padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("  \(mark) \(id)  \(points) \(check.title)")
            if check.status != .pass {
                let label = check.status == .fail ? "" : "\(check.status.rawValue): "
                lines.append("      " + paint.red(label + (check.message ?? "")))
                lines.append("      " + paint.dim("hint: " + check.hint))
            }
        }
        let passed = checks.filter { $0.status == .pass }.count
        let seconds = checks.reduce(0) { $0 + $1.durationMilliseconds } / 1000
        let simulated = checks.reduce(0) { $0 + $1.simulatedMilliseconds } / 1000
        lines.append("")
        lines.append(paint.bold("\(passed) of \(checks.count) checks pass · \(score)/\(maxScore) points")
            + paint.dim(String(format: " · %.2f s of real time for %.0f s on the checks' clocks", seconds, simulated)))
        return lines.joined(separator: "\n")
    }

    /// The topics a group of checks belong to, in order: `ch11.retry, ch11.resume`.
    static func topics(of ids: [String]) -> String {
        var topics: [String] = []
        for id in ids {
            let topic = id.split(separator: ".").dropLast().joined(separator: ".")
            let shown = topic.isEmpty ? id : topic
            if !topics.contains(shown) { topics.append(shown) }
        }
        return topics.joined(separator: ", ")
    }

    /// The report as pretty-printed JSON with sorted keys: the format the grader reads.
    /// - Throws: `EncodingError`, which a report of plain values never raises in practice.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
