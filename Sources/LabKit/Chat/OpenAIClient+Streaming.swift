import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension OpenAIClient {
    /// Sends the conversation with `stream: true` and returns the chunks as they arrive.
    ///
    /// The stream asks for usage (`stream_options.include_usage`). It ends normally only after
    /// `data: [DONE]`; cancelling the consuming task cancels the request.
    ///
    /// - Throws (from the stream): ``LLMError/http(status:message:type:code:retryAfter:)`` for an
    ///   error status; ``LLMError/connection(_:)`` when the connection fails or closes before
    ///   `[DONE]`; ``LLMError/invalidResponse(_:)`` for an event that is not a chunk.
    public func chunks(_ request: ChatCompletionRequest) -> AsyncThrowingStream<ChatCompletionChunk, any Error> {
        var request = request
        if request.model.isEmpty { request.model = model }
        request.stream = true
        request.streamOptions = .init(includeUsage: true)
        let body: Data
        do {
            body = try ChatWire.encode(request)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: LLMError.configuration("the request cannot be encoded: \(error)")) }
        }
        var urlRequest = urlRequest(path: "chat/completions", body: body)
        urlRequest.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        return EventStreamDelegate.stream(urlRequest, configuration: session.configuration)
    }

    /// Streams the answer, hands each piece of text to `onText` as it arrives, and returns the
    /// whole answer once the stream has ended properly.
    ///
    /// ```swift
    /// let answer = try await client.completeStreaming(request) { print($0, terminator: "") }
    /// ```
    ///
    /// - Parameters:
    ///   - request: The conversation and the tools on offer.
    ///   - onText: Called with each piece of answer text, in order.
    /// - Returns: The reassembled answer: text, tool calls, finish reason and usage.
    /// - Throws: ``LLMError``, as ``chunks(_:)`` does; never a partial answer.
    public func completeStreaming(
        _ request: ChatCompletionRequest,
        onText: @Sendable (String) -> Void = { _ in }
    ) async throws -> ChatCompletionResponse {
        var assembler = ChatStreamAssembler()
        for try await chunk in chunks(request) {
            if let text = assembler.add(chunk) { onText(text) }
        }
        // A cancelled consumer ends the loop early; that is not a stream cut short.
        try Task.checkCancellation()
        return try assembler.response()
    }

    /// This client as a ``ChatModel`` that streams every answer, handing text to `onText` as it
    /// arrives: for an agent loop that should show the answer while it is written.
    public func streaming(onText: @escaping @Sendable (String) -> Void) -> some ChatModel {
        StreamingChatModel(client: self, onText: onText)
    }
}

/// A ``ChatModel`` whose every answer is streamed: see ``OpenAIClient/streaming(onText:)``.
struct StreamingChatModel: ChatModel {
    let client: OpenAIClient
    let onText: @Sendable (String) -> Void

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        try await client.completeStreaming(request, onText: onText)
    }
}
