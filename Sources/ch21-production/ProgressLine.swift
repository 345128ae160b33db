import Foundation
import LabKit

/// The live progress line: done, running, retrying, dead, and the rate.
///
/// On a terminal it redraws one line in place (colours unless `NO_COLOR`); otherwise it prints
/// a plain line every few seconds, for logs.
struct ProgressLine {
    let interactive: Bool
    let color: Bool
    private var lastPrinted: ContinuousClock.Instant?
    private let stopwatch = ContinuousClock()

    init() {
        let environment = ProcessInfo.processInfo.environment
        interactive = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        color = interactive && environment["NO_COLOR"] == nil
    }

    /// The line for these counts.
    func render(_ counts: QueueCounts, total: Int, rate: Double, restarts: Int) -> String {
        func paint(_ text: String, _ code: String?) -> String {
            guard color, let code else { return text }
            return "\u{1B}[\(code)m\(text)\u{1B}[0m"
        }
        let done = counts[.completed]
        return [
            paint("done \(done)/\(total)", "32"),
            "running \(counts[.running])",
            paint("retrying \(counts[.retrying])", counts[.retrying] > 0 ? "33" : nil),
            paint("dead \(counts[.dead])", counts[.dead] > 0 ? "31" : nil),
            String(format: "%.0f tasks/s", rate),
            "restarts \(restarts)",
        ].joined(separator: " · ")
    }

    /// Shows the line: redrawn on a terminal, printed every `every` otherwise.
    mutating func show(_ line: String, every: Duration = .seconds(2), force: Bool = false) {
        if interactive {
            print("\r\u{1B}[2K" + line, terminator: "")
            fflush(nil)
            return
        }
        let now = stopwatch.now
        guard force || lastPrinted.map({ $0.duration(to: now) >= every }) ?? true else { return }
        lastPrinted = now
        print(line)
        fflush(nil)
    }

    /// Ends the redrawn line, so that what follows starts on a line of its own.
    func finish() {
        if interactive { print("") }
    }
}
