import LabKit

/// What the model answers: text, tool calls, or a fault, optionally after a delay.
///
/// Text and tool-call arguments may quote the conversation with templates: `{{lastUser}}`,
/// `{{lastToolResult}}`, `{{model}}`, `{{turn}}`, and `{{match.1}}` … for the capture groups of
/// the rule's `lastUserMatches` expression.
public struct Reply: Sendable, Hashable, Codable {
    /// An answer in text.
    public var text: String?
    /// An answer that calls tools.
    public var toolCalls: [ScriptedToolCall]?
    /// Overrides the finish reason (`"length"` to pretend the answer was cut short).
    public var finishReason: FinishReason?
    /// Answer with a fault instead.
    public var fault: Fault?
    /// Wait this long (on the server's clock) before answering.
    public var delayMs: Int?
    /// In a ``Rule/sequence``: how many attempts this step answers.
    public var times: Int?
    /// Send text and arguments exactly as written, without filling templates (recorded replies).
    public var verbatim: Bool?

    /// Creates a reply; give a fault, or text, tool calls or both (text beside tool calls is the
    /// content sent with the calls).
    public init(
        text: String? = nil,
        toolCalls: [ScriptedToolCall]? = nil,
        finishReason: FinishReason? = nil,
        fault: Fault? = nil,
        delayMs: Int? = nil,
        times: Int? = nil,
        verbatim: Bool? = nil
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.fault = fault
        self.delayMs = delayMs
        self.times = times
        self.verbatim = verbatim
    }

    /// A text answer.
    public static func text(_ text: String) -> Reply { Reply(text: text) }

    /// A fault.
    public static func fault(_ fault: Fault, times: Int? = nil) -> Reply { Reply(fault: fault, times: times) }

    func validate() throws {
        if fault != nil, text != nil || toolCalls != nil {
            throw ScenarioProblem("a reply with a \"fault\" has no \"text\" or \"toolCalls\"")
        }
        if fault == nil, text == nil, toolCalls == nil {
            throw ScenarioProblem("a reply needs \"text\", \"toolCalls\" or a \"fault\"")
        }
        if let toolCalls, toolCalls.isEmpty {
            throw ScenarioProblem("\"toolCalls\" is empty")
        }
        if let delayMs, delayMs < 0 {
            throw ScenarioProblem("\"delayMs\" must not be negative")
        }
        try fault?.validate()
    }
}

/// A tool call the scripted model makes.
public struct ScriptedToolCall: Sendable, Hashable, Codable {
    /// The tool's name.
    public var name: String
    /// The arguments: an object, whose string values may hold templates, sent compact with
    /// sorted keys; or a string, sent as it is (the arguments text a recorded model wrote).
    public var arguments: JSONValue
    /// The call's id; by default one derived from the seed and the request.
    public var id: String?

    /// Creates a scripted call.
    public init(name: String, arguments: JSONValue = [:], id: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.id = id
    }

    enum CodingKeys: String, CodingKey {
        case name, arguments, id
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decodeIfPresent(JSONValue.self, forKey: .arguments) ?? [:]
        id = try container.decodeIfPresent(String.self, forKey: .id)
    }
}
