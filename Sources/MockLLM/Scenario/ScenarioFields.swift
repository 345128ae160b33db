import LabKit

/// The fields a scenario document may use, by place: a misspelt field ("retryAfterMS") is an
/// error that names it, rather than a setting silently ignored.
enum ScenarioFields {
    private static let scenario: Set<String> = ["name", "description", "models", "rules", "fallback"]
    private static let rule: Set<String> = ["name", "when", "reply", "sequence", "chaos"]
    private static let conditions: Set<String> = [
        "lastUserContains", "lastUserMatches", "systemContains", "toolsOffered", "toolCalled", "toolNotCalled",
        "toolCalledTimes", "lastToolResultContains", "lastRole", "turn", "model", "header", "conversationDigest",
    ]
    private static let toolCount: Set<String> = ["name", "times"]
    private static let header: Set<String> = ["name", "equals", "contains"]
    private static let reply: Set<String> = ["text", "toolCalls", "finishReason", "fault", "delayMs", "times", "verbatim"]
    private static let toolCall: Set<String> = ["name", "arguments", "id"]
    private static let fault: Set<String> = [
        "kind", "status", "message", "type", "code", "param", "retryAfter", "retryAfterMs", "ms", "afterChunks",
    ]
    private static let chaos: Set<String> = ["probability", "fault"]

    /// Checks every object of the document against the fields its place allows.
    ///
    /// - Throws: ``ScenarioProblem`` naming the first unknown field and where it is.
    static func check(_ document: JSONValue) throws {
        try check(document, "", scenario)
        try check(document["fallback"], "fallback", reply, then: checkReply)
        for (index, rule) in (document["rules"]?.arrayValue ?? []).enumerated() {
            let path = "rules[\(index)]"
            try check(rule, path, Self.rule)
            try check(rule["when"], "\(path).when", conditions)
            try check(rule["when"]?["toolCalledTimes"], "\(path).when.toolCalledTimes", toolCount)
            try check(rule["when"]?["header"], "\(path).when.header", header)
            try check(rule["reply"], "\(path).reply", reply, then: checkReply)
            for (step, value) in (rule["sequence"]?.arrayValue ?? []).enumerated() {
                try check(value, "\(path).sequence[\(step)]", reply, then: checkReply)
            }
            try check(rule["chaos"], "\(path).chaos", chaos)
            try check(rule["chaos"]?["fault"], "\(path).chaos.fault", fault)
        }
    }

    private static func checkReply(_ value: JSONValue, _ path: String) throws {
        try check(value["fault"], "\(path).fault", fault)
        for (index, call) in (value["toolCalls"]?.arrayValue ?? []).enumerated() {
            try check(call, "\(path).toolCalls[\(index)]", toolCall)
        }
    }

    private static func check(
        _ value: JSONValue?, _ path: String, _ known: Set<String>,
        then next: ((JSONValue, String) throws -> Void)? = nil
    ) throws {
        guard let value, let members = value.objectValue else { return }
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            let place = path.isEmpty ? "the document" : path
            throw ScenarioProblem("\(place) has an unknown field \"\(unknown)\"; known fields: \(known.sorted().joined(separator: ", "))")
        }
        try next?(value, path)
    }
}
