import LabKit

/// Turns a ``ModelOutput`` into the OpenAI wire shapes: one completion, or the chunks of a stream.
struct CompletionRenderer: Sendable {
    let identity: ResponseIdentity
    let model: String
    let usage: Usage

    init(identity: ResponseIdentity, request: ChatCompletionRequest, answer: ModelOutput) {
        self.identity = identity
        self.model = request.model
        self.usage = Self.usage(for: request, answer: answer)
    }

    /// The non-streamed completion.
    func completion(_ answer: ModelOutput) -> ChatCompletionResponse {
        let message = ChatMessage(
            role: .assistant,
            content: answer.toolCalls.isEmpty ? (answer.content ?? "") : answer.content,
            toolCalls: answer.toolCalls.isEmpty ? nil : answer.toolCalls
        )
        return ChatCompletionResponse(
            id: identity.id,
            created: identity.created,
            model: model,
            choices: [.init(index: 0, message: message, finishReason: answer.finishReason)],
            usage: usage
        )
    }

    /// The chunks of a stream: role first, then content or tool-call fragments, then the finish
    /// reason, then (when asked) usage.
    func chunks(_ answer: ModelOutput, includeUsage: Bool) -> [ChatCompletionChunk] {
        var deltas: [ChatCompletionChunk.Delta] = []
        if answer.toolCalls.isEmpty {
            deltas.append(.init(role: .assistant, content: ""))
            for piece in Self.words(answer.content ?? "") {
                deltas.append(.init(content: piece))
            }
        } else {
            var first = true
            if let content = answer.content, !content.isEmpty {
                deltas.append(.init(role: .assistant, content: ""))
                deltas += Self.words(content).map { .init(content: $0) }
                first = false
            }
            for (index, call) in answer.toolCalls.enumerated() {
                let opening = ChatCompletionChunk.ToolCallDelta(
                    index: index, id: call.id, type: "function",
                    function: .init(name: call.function.name, arguments: "")
                )
                deltas.append(.init(role: first ? .assistant : nil, toolCalls: [opening]))
                first = false
                for piece in Self.pieces(call.function.arguments, size: 12) {
                    deltas.append(.init(toolCalls: [.init(index: index, function: .init(arguments: piece))]))
                }
            }
        }
        var chunks = deltas.map { chunk([.init(index: 0, delta: $0)]) }
        chunks.append(chunk([.init(index: 0, delta: .init(), finishReason: answer.finishReason)]))
        if includeUsage {
            chunks.append(chunk([], usage: usage))
        }
        return chunks
    }

    private func chunk(_ choices: [ChatCompletionChunk.Choice], usage: Usage? = nil) -> ChatCompletionChunk {
        ChatCompletionChunk(id: identity.id, created: identity.created, model: model, choices: choices, usage: usage)
    }

    /// Splits text after each space, so the pieces join back to the text.
    static func words(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " " {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Splits text into pieces of at most `size` characters.
    static func pieces(_ text: String, size: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }

    /// A deterministic token estimate: about four characters a token.
    /// A text's count of characters, quickly for ASCII without a carriage return (the only
    /// ASCII pair that makes one character is CR LF): there it is the count of bytes.
    static func characters(_ text: String?) -> Int {
        guard var text else { return 0 }
        let bytes = text.withUTF8 { utf8 in utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? utf8.count : nil }
        return bytes ?? text.count
    }

    static func usage(for request: ChatCompletionRequest, answer: ModelOutput) -> Usage {
        let promptCharacters = request.messages.reduce(0) { total, message in
            total + characters(message.content)
                + (message.toolCalls ?? []).reduce(0) { $0 + characters($1.function.name) + characters($1.function.arguments) }
        }
        let completionCharacters = characters(answer.content)
            + answer.toolCalls.reduce(0) { $0 + characters($1.function.name) + characters($1.function.arguments) }
        return Usage(
            promptTokens: promptCharacters / 4 + 4 * request.messages.count,
            completionTokens: max(1, completionCharacters / 4)
        )
    }
}
