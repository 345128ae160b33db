import LabKit

/// A way for the mock model to fail, as real endpoints do.
///
/// - `error`: an HTTP status with an OpenAI error body, optionally `Retry-After` (seconds) and
///   `retry-after-ms`.
/// - `hang`: accept the request and answer nothing for `ms` milliseconds (ten minutes by
///   default) on the server's clock, then close the connection.
/// - `drop`: close the connection before any byte of the answer.
/// - `malformed`: a 200 whose body is not valid JSON.
/// - `truncate`: start the answer (a stream's first `afterChunks` events, or half of a JSON
///   body) and close the connection before the end.
public struct Fault: Sendable, Hashable, Codable {
    /// The kinds of fault.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An HTTP error status with an OpenAI error body.
        case error
        /// No answer for a while, then a closed connection.
        case hang
        /// A closed connection, before any byte of the answer.
        case drop
        /// A 200 whose body is not JSON.
        case malformed
        /// The start of an answer, then a closed connection.
        case truncate
    }

    /// How the fault misbehaves.
    public var kind: Kind
    /// `error`: the HTTP status (500 by default).
    public var status: Int?
    /// `error`: the error message.
    public var message: String?
    /// `error`: the error type; by default the one OpenAI uses for the status.
    public var type: String?
    /// `error`: the error code.
    public var code: String?
    /// `error`: the parameter at fault.
    public var param: String?
    /// `error`: the `Retry-After` header, in seconds.
    public var retryAfter: Int?
    /// `error`: the `retry-after-ms` header, in milliseconds.
    public var retryAfterMs: Int?
    /// `hang`: how long to hang, in milliseconds.
    public var ms: Int?
    /// `truncate`: how many stream events to send before the cut.
    public var afterChunks: Int?

    /// Creates a fault.
    public init(
        kind: Kind = .error,
        status: Int? = nil,
        message: String? = nil,
        type: String? = nil,
        code: String? = nil,
        param: String? = nil,
        retryAfter: Int? = nil,
        retryAfterMs: Int? = nil,
        ms: Int? = nil,
        afterChunks: Int? = nil
    ) {
        self.kind = kind
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.retryAfter = retryAfter
        self.retryAfterMs = retryAfterMs
        self.ms = ms
        self.afterChunks = afterChunks
    }

    /// An error status with an OpenAI error body.
    public static func status(_ status: Int, message: String? = nil, retryAfterMs: Int? = nil) -> Fault {
        Fault(kind: .error, status: status, message: message, retryAfterMs: retryAfterMs)
    }

    enum CodingKeys: String, CodingKey {
        case kind, status, message, type, code, param, retryAfter, retryAfterMs, ms, afterChunks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .error
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        code = try container.decodeIfPresent(String.self, forKey: .code)
        param = try container.decodeIfPresent(String.self, forKey: .param)
        retryAfter = try container.decodeIfPresent(Int.self, forKey: .retryAfter)
        retryAfterMs = try container.decodeIfPresent(Int.self, forKey: .retryAfterMs)
        ms = try container.decodeIfPresent(Int.self, forKey: .ms)
        afterChunks = try container.decodeIfPresent(Int.self, forKey: .afterChunks)
    }

    /// The status an `error` fault answers with.
    public var effectiveStatus: Int { status ?? 500 }

    /// The body an `error` fault answers with: its own fields, or OpenAI's defaults for the status.
    public var errorBody: OpenAIErrorBody {
        let status = effectiveStatus
        return OpenAIErrorBody(
            message: message ?? Self.defaultMessage(for: status),
            type: type ?? Self.defaultType(for: status),
            param: param,
            code: code ?? (status == 429 ? "rate_limit_exceeded" : nil)
        )
    }

    /// The delay an `error` fault asks for: `retryAfterMs`, else `retryAfter`.
    public var retryDelay: Duration? {
        if let retryAfterMs { return .milliseconds(retryAfterMs) }
        if let retryAfter { return .seconds(retryAfter) }
        return nil
    }

    /// The error type OpenAI uses for a status.
    static func defaultType(for status: Int) -> String {
        switch status {
        case 400, 404, 409, 413, 422: "invalid_request_error"
        case 401: "authentication_error"
        case 403: "permission_error"
        case 429: "rate_limit_error"
        case 503: "service_unavailable"
        default: status >= 500 ? "server_error" : "invalid_request_error"
        }
    }

    /// The message a status gets when the fault gives none.
    static func defaultMessage(for status: Int) -> String {
        switch status {
        case 429: "Rate limit reached (mock fault). Please retry after the delay in the Retry-After header."
        case 500: "The server had an error while processing your request (mock fault)."
        case 502: "Bad gateway (mock fault)."
        case 503: "The server is overloaded (mock fault)."
        default: "Mock fault with status \(status)."
        }
    }

    func validate() throws {
        switch kind {
        case .error:
            guard (400...599).contains(effectiveStatus) else {
                throw ScenarioProblem("an error fault needs a status from 400 to 599")
            }
        case .hang:
            if let ms, ms < 0 { throw ScenarioProblem("a hang's \"ms\" must not be negative") }
        case .truncate:
            if let afterChunks, afterChunks < 0 { throw ScenarioProblem("\"afterChunks\" must not be negative") }
        case .drop, .malformed:
            break
        }
        if let retryAfter, retryAfter < 0 { throw ScenarioProblem("\"retryAfter\" must not be negative") }
        if let retryAfterMs, retryAfterMs < 0 { throw ScenarioProblem("\"retryAfterMs\" must not be negative") }
    }
}
