import LabKit

/// What a rule asks of the conversation. Every field given must hold; an empty set of
/// conditions always holds. Text comparisons with `…Contains` ignore case.
public struct Conditions: Sendable, Hashable, Codable {
    /// A tool's name and how many times the model has called it so far.
    public struct ToolCount: Sendable, Hashable, Codable {
        /// The tool's name.
        public var name: String
        /// How many calls.
        public var times: Int

        /// Creates a call count.
        public init(name: String, times: Int) {
            self.name = name
            self.times = times
        }
    }

    /// A request header, present, and equal to or containing a value when given.
    public struct Header: Sendable, Hashable, Codable {
        /// The header's name, in any case.
        public var name: String
        /// The exact value the header must have.
        public var equals: String?
        /// Text the header's value must contain, ignoring case.
        public var contains: String?

        /// Creates a header condition.
        public init(name: String, equals: String? = nil, contains: String? = nil) {
            self.name = name
            self.equals = equals
            self.contains = contains
        }
    }

    /// The last user message contains this text.
    public var lastUserContains: String?
    /// The last user message matches this regular expression; its groups feed `{{match.N}}`.
    public var lastUserMatches: String?
    /// A system (or developer) message contains this text.
    public var systemContains: String?
    /// The request offers every one of these tools.
    public var toolsOffered: [String]?
    /// The model has called this tool earlier in the conversation.
    public var toolCalled: String?
    /// The model has not called this tool earlier in the conversation.
    public var toolNotCalled: String?
    /// The model has called a tool exactly this many times.
    public var toolCalledTimes: ToolCount?
    /// The most recent tool result contains this text.
    public var lastToolResultContains: String?
    /// The last message has this role (`user` for a new question, `tool` after a tool result).
    public var lastRole: Role?
    /// The turn: how many assistant messages the conversation already holds (0 on the first request).
    public var turn: Int?
    /// The request names this model.
    public var model: String?
    /// The request carries this header.
    public var header: Header?
    /// The conversation's messages have this fingerprint (16 hex digits; see `docs/scenarios.md`):
    /// how `mock-llm record` keys each exchange.
    public var conversationDigest: String?

    /// Creates conditions; every one given must hold.
    public init(
        lastUserContains: String? = nil,
        lastUserMatches: String? = nil,
        systemContains: String? = nil,
        toolsOffered: [String]? = nil,
        toolCalled: String? = nil,
        toolNotCalled: String? = nil,
        toolCalledTimes: ToolCount? = nil,
        lastToolResultContains: String? = nil,
        lastRole: Role? = nil,
        turn: Int? = nil,
        model: String? = nil,
        header: Header? = nil,
        conversationDigest: String? = nil
    ) {
        self.lastUserContains = lastUserContains
        self.lastUserMatches = lastUserMatches
        self.systemContains = systemContains
        self.toolsOffered = toolsOffered
        self.toolCalled = toolCalled
        self.toolNotCalled = toolNotCalled
        self.toolCalledTimes = toolCalledTimes
        self.lastToolResultContains = lastToolResultContains
        self.lastRole = lastRole
        self.turn = turn
        self.model = model
        self.header = header
        self.conversationDigest = conversationDigest
    }

    func validate() throws {
        if let pattern = lastUserMatches {
            do {
                _ = try Regex(pattern)
            } catch {
                throw ScenarioProblem("\"lastUserMatches\" is not a valid regular expression: \(pattern)")
            }
        }
        if let count = toolCalledTimes, count.times < 0 {
            throw ScenarioProblem("\"toolCalledTimes.times\" must not be negative")
        }
        if let turn, turn < 0 {
            throw ScenarioProblem("\"turn\" must not be negative")
        }
    }
}
