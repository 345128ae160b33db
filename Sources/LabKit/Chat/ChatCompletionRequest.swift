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

        /// Creates stream options.
        public init(includeUsage: Bool? = nil) {
            self.includeUsage = includeUsage
        }

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    /// The model to ask; ``OpenAIClient`` fills in its default when empty.
    public var model: String
    /// The conversation so far, oldest first.
    public var messages: [ChatMessage]
    /// The tools the model may call.
    public var tools: [ToolDefinition]?
    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "function": {"name": …}}`.
    public var toolChoice: JSONValue?
    /// Sampling temperature.
    public var temperature: Double?
    /// The most tokens the answer may have (`max_tokens`, the older name).
    public var maxTokens: Int?
    /// The most tokens the answer may have (`max_completion_tokens`, the newer name, which the
    /// official SDKs send); when both are given the smaller holds.
    public var maxCompletionTokens: Int?
    /// Ask for server-sent events rather than one answer.
    public var stream: Bool?
    /// Options for a streamed answer (`stream_options`).
    public var streamOptions: StreamOptions?
    /// A sampling seed, for models that honour it.
    public var seed: Int?
    /// An end-user identifier, for the provider's abuse monitoring.
    public var user: String?

    /// The token limit in force: the smaller of ``maxTokens`` and ``maxCompletionTokens``, or
    /// whichever is given.
    public var tokenLimit: Int? {
        switch (maxTokens, maxCompletionTokens) {
        case let (old?, new?): min(old, new)
        case let (old, new): old ?? new
        }
    }

    /// Creates a request.
    public init(
        model: String,
        messages: [ChatMessage],
        tools: [ToolDefinition]? = nil,
        toolChoice: JSONValue? = nil,
        temperature: Double? = nil,
        maxTokens: Int? = nil,
        maxCompletionTokens: Int? = nil,
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
        self.maxCompletionTokens = maxCompletionTokens
        self.stream = stream
        self.streamOptions = streamOptions
        self.seed = seed
        self.user = user
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, tools, temperature, stream, seed, user
        case toolChoice = "tool_choice"
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
    }
}
