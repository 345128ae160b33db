/// Anything that answers a chat completion: ``OpenAIClient`` over HTTP, or a scripted model in
/// a check.
///
/// ```swift
/// let model: any ChatModel = try OpenAIClient.fromEnvironment()
/// let response = try await model.complete(ChatCompletionRequest(model: "gpt-4o-mini", messages: [.user("Hi")]))
/// print(response.message?.content ?? "")
/// ```
public protocol ChatModel: Sendable {
    /// Sends the conversation and returns the model's answer.
    ///
    /// - Throws: ``LLMError`` when the model could not be reached or refused the request.
    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse
}
