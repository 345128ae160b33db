import LabKit
import Synchronization

/// A ``ChatModel`` that passes every call on to another model and remembers each answer, so
/// that a check can compare what a model said with what the code under test sent next.
public final class RecordingModel: ChatModel {
    private let base: any ChatModel
    private let answers = Mutex<[ChatCompletionResponse]>([])

    public init(_ base: any ChatModel) {
        self.base = base
    }

    /// Every answer the model gave, in order.
    public var responses: [ChatCompletionResponse] { answers.withLock { $0 } }

    public func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        let response = try await base.complete(request)
        answers.withLock { $0.append(response) }
        return response
    }
}
