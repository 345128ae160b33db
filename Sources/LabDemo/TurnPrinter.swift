import LabKit

/// A ``ChatModel`` that prints each of the model's turns as it happens (the tools it calls with
/// their arguments, or its answer) and, with a latency, takes that long on a clock first.
///
/// A demo wraps the real model in it, so the student's code runs unchanged while the terminal
/// shows what goes back and forth.
public struct TurnPrinter: ChatModel {
    private let base: any ChatModel
    private let latency: Duration
    private let clock: any Clock<Duration>
    private let printAnswers: Bool

    /// - Parameters:
    ///   - base: The model that answers.
    ///   - latency: Time each call takes before it is sent, on `clock`.
    ///   - clock: Where the latency passes.
    ///   - printAnswers: Whether to print text answers (off when they are streamed as they come).
    public init(_ base: any ChatModel, latency: Duration = .zero, clock: any Clock<Duration>, printAnswers: Bool = true) {
        self.base = base
        self.latency = latency
        self.clock = clock
        self.printAnswers = printAnswers
    }

    public func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        if latency > .zero { try await clock.sleep(for: latency) }
        let response = try await base.complete(request)
        let message = response.message
        for call in message?.toolCalls ?? [] {
            print("  → the model calls \(call.function.name)(\(call.function.arguments))  [\(call.id)]")
        }
        if printAnswers, message?.toolCalls?.isEmpty ?? true, let text = message?.content {
            print("  ✓ the model answers: \(text)")
        }
        return response
    }
}
