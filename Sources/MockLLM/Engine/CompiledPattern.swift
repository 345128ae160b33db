import Synchronization

/// A rule's `lastUserMatches` expression, compiled once when the scenario is put in force, not
/// on every request. Swift's `Regex` is not `Sendable`, so it is kept behind a lock that a match
/// holds briefly.
final class CompiledPattern: Sendable {
    /// The expression as the scenario wrote it.
    let source: String
    private let regex: Mutex<Regex<AnyRegexOutput>?>

    /// Compiles `source`; an expression that does not compile never matches (validation has
    /// already refused it for a loaded scenario).
    init(_ source: String) {
        self.source = source
        self.regex = Mutex(try? Regex(source))
    }

    /// The groups of the first match in `text` (group 0 is the whole match; a group that took
    /// no part is empty), or `nil` when there is no match.
    func firstMatch(in text: String) -> [String]? {
        regex.withLock { regex -> [String]? in
            guard let regex, let match = try? regex.firstMatch(in: text) else { return nil }
            return (0..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
        }
    }
}
