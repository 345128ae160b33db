import Foundation

/// What went wrong when talking to a model, and whether trying again could help.
///
/// ```swift
/// do {
///     return try await model.complete(request)
/// } catch let error as LLMError where error.isRetryable {
///     try await clock.sleep(for: error.retryAfter ?? .seconds(1))
/// }
/// ```
public enum LLMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server answered with an error status and (usually) an OpenAI error body.
    ///
    /// - Parameters:
    ///   - status: the HTTP status, such as 429.
    ///   - message: the server's `error.message`, or the raw body when it was not JSON.
    ///   - type: the server's `error.type`, such as `rate_limit_error`.
    ///   - code: the server's `error.code`, such as `rate_limit_exceeded`.
    ///   - retryAfter: the delay the server asked for (`retry-after-ms` or `Retry-After`).
    case http(status: Int, message: String, type: String?, code: String?, retryAfter: Duration?)
    /// The connection failed, timed out or was dropped before a whole answer arrived.
    case connection(String)
    /// The server answered 2xx but the body is not a chat completion.
    case invalidResponse(String)
    /// The client is not configured, for example `OPENAI_BASE_URL` is not a URL.
    case configuration(String)

    /// The HTTP status, when the server sent one.
    public var status: Int? {
        if case .http(let status, _, _, _, _) = self { status } else { nil }
    }

    /// The delay the server asked for before a retry, if any.
    public var retryAfter: Duration? {
        if case .http(_, _, _, _, let retryAfter) = self { retryAfter } else { nil }
    }

    /// Whether the same request may succeed later: 408, 409, 429, any 5xx, and connection errors.
    /// A 400, 401, 403, 404 or 422 will fail the same way again.
    public var isRetryable: Bool {
        switch self {
        case .http(let status, _, _, _, _):
            status == 408 || status == 409 || status == 429 || status >= 500
        case .connection:
            true
        case .invalidResponse, .configuration:
            false
        }
    }

    public var description: String {
        switch self {
        case .http(let status, let message, let type, _, let retryAfter):
            var text = "HTTP \(status)"
            if let type, !type.isEmpty { text += " \(type)" }
            text += ": \(message)"
            if let retryAfter { text += " (retry after \(retryAfter))" }
            return text
        case .connection(let reason):
            return "connection error: \(reason)"
        case .invalidResponse(let reason):
            return "invalid response: \(reason)"
        case .configuration(let reason):
            return "configuration error: \(reason)"
        }
    }

    /// Reads the delay a server asks for: `retry-after-ms` (milliseconds) first, then
    /// `Retry-After` in seconds. An HTTP date in `Retry-After` is ignored.
    ///
    /// - Parameter header: looks a header up by name, case-insensitively.
    public static func retryAfter(from header: (String) -> String?) -> Duration? {
        if let text = header("retry-after-ms"), let milliseconds = Double(text.trimmingCharacters(in: .whitespaces)), milliseconds >= 0 {
            return .milliseconds(milliseconds)
        }
        if let text = header("retry-after"), let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 {
            return .milliseconds(seconds * 1000)
        }
        return nil
    }
}

