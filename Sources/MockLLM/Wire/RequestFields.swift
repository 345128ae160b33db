import LabKit

/// The fields of a chat-completions request, as OpenAI's API reference documents them, and the
/// ones a request carries beyond them. Every documented field is accepted; the server reads only
/// some. Fields beyond these are accepted too, and listed in the journal, so that a misspelt
/// option (`max_token`) is easy to see and a client's new option never breaks a lab.
enum RequestFields {
    /// Top-level fields the server reads (``ChatCompletionRequest``'s).
    static let read: Set<String> = [
        "model", "messages", "tools", "tool_choice", "temperature", "max_tokens", "max_completion_tokens",
        "stream", "stream_options", "seed", "user",
    ]

    /// Top-level fields documented by OpenAI that the server accepts and leaves alone.
    static let accepted: Set<String> = [
        "audio", "frequency_penalty", "function_call", "functions", "logit_bias", "logprobs", "metadata",
        "modalities", "n", "parallel_tool_calls", "prediction", "presence_penalty", "prompt_cache_key",
        "prompt_cache_retention", "reasoning_effort", "response_format", "safety_identifier", "service_tier",
        "stop", "store", "top_logprobs", "top_p", "verbosity", "web_search_options",
    ]

    /// Message fields the server reads.
    static let messageRead: Set<String> = ["role", "content", "name", "tool_calls", "tool_call_id"]

    /// Message fields documented by OpenAI that the server leaves alone.
    static let messageAccepted: Set<String> = ["refusal", "audio", "function_call"]

    static let documented = read.union(accepted)
    static let messageDocumented = messageRead.union(messageAccepted)

    /// The fields of a request document beyond the documented ones, as paths
    /// (`max_token`, `messages[2].weight`), sorted; empty for a document that is not an object.
    static func unknown(in document: JSONValue) -> [String] {
        guard let root = document.objectValue else { return [] }
        var unknown = root.keys.filter { !documented.contains($0) }.sorted()
        for (index, message) in (root["messages"]?.arrayValue ?? []).enumerated() {
            guard let fields = message.objectValue else { continue }
            unknown += fields.keys.filter { !messageDocumented.contains($0) }.sorted().map { "messages[\(index)].\($0)" }
        }
        return unknown
    }
}
