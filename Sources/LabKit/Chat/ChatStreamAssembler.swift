/// Puts the chunks of a streamed chat completion back together into one answer.
///
/// Text deltas are appended; tool-call fragments are joined by their `index` (the first carries
/// the id and name, later ones more argument text); the finish reason and usage are kept. An
/// answer whose stream stopped before its finish reason is not an answer: ``response()`` throws.
///
/// ```swift
/// var assembler = ChatStreamAssembler()
/// for try await chunk in client.chunks(request) {
///     if let text = assembler.add(chunk) { print(text, terminator: "") }
/// }
/// let response = try assembler.response()
/// ```
public struct ChatStreamAssembler: Sendable {
    private struct PartialCall: Sendable {
        var id: String?
        var name: String?
        var arguments = ""
    }

    private var id: String?
    private var created = 0
    private var model = ""
    private var content: String?
    private var calls: [Int: PartialCall] = [:]
    private var finishReason: FinishReason?
    private var usage: Usage?

    public init() {}

    /// Adds a chunk of choice 0 (others are ignored) and returns the text it adds, if any.
    @discardableResult
    public mutating func add(_ chunk: ChatCompletionChunk) -> String? {
        if id == nil {
            id = chunk.id
            created = chunk.created
            model = chunk.model
        }
        if let chunkUsage = chunk.usage { usage = chunkUsage }
        var added: String?
        for choice in chunk.choices where choice.index == 0 {
            if let text = choice.delta.content {
                content = (content ?? "") + text
                if !text.isEmpty { added = (added ?? "") + text }
            }
            for fragment in choice.delta.toolCalls ?? [] {
                var call = calls[fragment.index] ?? PartialCall()
                if let id = fragment.id { call.id = id }
                if let name = fragment.function?.name { call.name = (call.name ?? "") + name }
                call.arguments += fragment.function?.arguments ?? ""
                calls[fragment.index] = call
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        return added
    }

    /// The whole answer.
    /// - Throws: ``LLMError/connection(_:)`` when the stream ended before a finish reason;
    ///   ``LLMError/invalidResponse(_:)`` when a tool call never got its id or name.
    public func response() throws -> ChatCompletionResponse {
        guard let finishReason else {
            throw LLMError.connection("the stream ended before the answer was complete (no finish_reason)")
        }
        var toolCalls: [ToolCall] = []
        for index in calls.keys.sorted() {
            guard let call = calls[index], let callID = call.id, let name = call.name else {
                throw LLMError.invalidResponse("tool call \(index) of the stream has no id or no name")
            }
            toolCalls.append(ToolCall(id: callID, name: name, arguments: call.arguments))
        }
        let message = ChatMessage(role: .assistant, content: content, toolCalls: toolCalls.isEmpty ? nil : toolCalls)
        return ChatCompletionResponse(
            id: id ?? "", created: created, model: model,
            choices: [.init(index: 0, message: message, finishReason: finishReason)], usage: usage
        )
    }
}
