import Foundation

extension Duration {
    /// `1s`, `1.5s`, `250ms`, `0s`, `-3s`: how durations read in messages, reports and demos.
    ///
    /// Whole milliseconds are kept; anything finer is dropped.
    public var compact: String {
        if self < .zero { return "-" + (Duration.zero - self).compact }
        let (seconds, attoseconds) = components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        if milliseconds == 0 { return "\(seconds)s" }
        if seconds == 0 { return "\(milliseconds)ms" }
        var fraction = String(milliseconds)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(seconds).\(fraction)s"
    }
}
