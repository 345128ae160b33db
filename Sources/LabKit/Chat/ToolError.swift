/// Why a tool call could not give a result, in words a model can act on.
///
/// Its ``description`` is meant to go back to the model in a tool message, so that the model
/// can correct its call or try something else: `unknown tool "reboot"; the tools are check_disk,
/// clean_logs`.
public enum ToolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The model called a tool that was not offered.
    case unknownTool(name: String, available: [String])
    /// The arguments are not valid JSON or do not fit the tool's parameters.
    case invalidArguments(tool: String, reason: String)
    /// The tool ran and failed.
    case failed(tool: String, reason: String)

    public var description: String {
        switch self {
        case .unknownTool(let name, let available):
            let offered = available.isEmpty ? "no tools are offered" : "the tools are \(available.joined(separator: ", "))"
            return "unknown tool \"\(name)\"; \(offered)"
        case .invalidArguments(let tool, let reason):
            return "invalid arguments for \(tool): \(reason)"
        case .failed(let tool, let reason):
            return "\(tool) failed: \(reason)"
        }
    }
}
