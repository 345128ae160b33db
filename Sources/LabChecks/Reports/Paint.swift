import Foundation

/// ANSI styling for a command's reports, off unless asked for: pass ``Terminal/wantsColor``.
public struct Paint: Sendable {
    public let enabled: Bool

    /// Styling that paints when `enabled`, and returns the text unchanged otherwise.
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public func green(_ text: String) -> String { style(text, "32") }
    public func red(_ text: String) -> String { style(text, "31") }
    public func yellow(_ text: String) -> String { style(text, "33") }
    public func bold(_ text: String) -> String { style(text, "1") }
    public func dim(_ text: String) -> String { style(text, "2") }

    private func style(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Facts about where a command's output goes.
public enum Terminal {
    /// Whether standard output should get colors: it is a terminal, `NO_COLOR` is unset and
    /// `TERM` is not `dumb`.
    public static var wantsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
