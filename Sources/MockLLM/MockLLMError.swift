/// What can go wrong inside the mock server: a scenario that does not load, a server that does
/// not start, or a fault the server raises on purpose.
public enum MockLLMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A scenario document is not valid; `reason` says where and why.
    case invalidScenario(name: String, reason: String)
    /// No built-in scenario has this name.
    case unknownScenario(String, available: [String])
    /// A scenario file could not be read.
    case unreadableScenarioFile(path: String, reason: String)
    /// The server did not start listening.
    case serverNotStarted(String)
    /// Raised on purpose by a `drop` or `truncate` fault to cut the connection.
    case connectionCut(String)

    public var description: String {
        switch self {
        case .invalidScenario(let name, let reason):
            "scenario \"\(name)\" is not valid: \(reason)"
        case .unknownScenario(let name, let available):
            "no built-in scenario is named \"\(name)\"; built-in scenarios: \(available.joined(separator: ", "))"
        case .unreadableScenarioFile(let path, let reason):
            "cannot read scenario file \(path): \(reason)"
        case .serverNotStarted(let reason):
            "the mock server did not start: \(reason)"
        case .connectionCut(let reason):
            "connection cut on purpose: \(reason)"
        }
    }
}
