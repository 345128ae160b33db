import LabKit

/// What the scripted model says to one request, decided from the scenario (a ``Reply`` after its
/// templates and the token limit), ready to be written as a completion or a stream.
struct ModelOutput: Sendable, Hashable {
    var content: String?
    var toolCalls: [ToolCall]
    var finishReason: FinishReason
}
