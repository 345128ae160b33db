import Foundation
import LabKit
import Synchronization

/// Prints streamed answer text as it arrives, after a heading, and ends the line once the
/// answer is complete.
final class StreamPrinter: Sendable {
    private let started = Mutex(false)

    /// Prints a piece of text, with the heading before the first piece of an answer.
    func write(_ text: String) {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        print(first ? "  ✓ the model answers (streamed): \(text)" : text, terminator: "")
        fflush(nil)
    }

    /// Ends the answer's line, if text was printed.
    func endAnswer() {
        if started.withLock({ $0 }) { print() }
        started.withLock { $0 = false }
    }
}

/// Ends each streamed answer's line once its call returns.
struct StreamedTurns: ChatModel {
    let base: any ChatModel
    let printer: StreamPrinter

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        defer { printer.endAnswer() }
        return try await base.complete(request)
    }
}
