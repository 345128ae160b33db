/// The body of `POST /v1/chat/completions`: a model, a conversation, and the tools on offer.
///
/// Fields the kit does not use (temperature, n, …) are kept only where a server may want them;
/// unknown fields are ignored when decoding.
///
/// ```swift
/// let request = ChatCompletionRequest(
///     model: "gpt-4o-mini",
///     messages: [.system("You are an SRE."), .user("I'm out of disk space. Fix it.")],
///     tools: [ToolDefinition(name: "check_disk"), ToolDefinition(name: "clean_logs")]
/// )
/// ```
public struct ChatCompletionRequest: Sendable, Hashable, Codable {
    /// Options for a streamed answer.
    public struct StreamOptions: Sendable, Hashable, Codable {
        /// Ask for a last chunk that carries ``Usage``.
        public var includeUsage: Bool?

        public init(includeUsage: Bool? = nil) {
            self.includeUsage = includeUsage
        }

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    public var model: String
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]?
    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "function": {"name": …}}`.
    public var toolChoice: JSONValue?
    public var temperature: Double?
    public var maxTokens: Int?
    public var stream: Bool?
    public var streamOptions: StreamOptions?
    public var seed: Int?
    public var user: String?

    public init(
        model: String,
        messages: [ChatMessage],
        tools: [ToolDefinition]? = nil,
        toolChoice: JSONValue? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil,
        stream: Bool? = nil,
        streamOptions: StreamOptions? = nil,
        seed: Int? = nil,
        user: String? = nil
    ) {
        self.model = model
        self.messages = messages
        self.tools = tools
        self.toolChoice = toolChoice
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.stream = stream
        self.streamOptions = streamOptions
        self.seed = seed
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, tools, temperature, stream, seed, user
        case toolChoice = "tool_choice"
        case maxTokens = "max_tokens"
        case streamOptions = "stream_options"
    }
}
