import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A ``ChatModel`` that talks to any OpenAI-compatible endpoint over HTTP: OpenAI itself, a local
/// server, or the kit's mock server.
///
/// ```swift
/// let client = OpenAIClient(baseURL: server.baseURL, apiKey: nil, model: "mock-gpt")
/// let answer = try await client.complete(ChatCompletionRequest(model: "", messages: [.user("Hi")]))
/// ```
///
/// The client makes one attempt per call: retrying is the caller's job, guided by
/// ``LLMError/isRetryable`` and ``LLMError/retryAfter``.
///
/// ``completeStreaming(_:onText:)`` asks for server-sent events instead, hands each piece of
/// text over as it arrives and reassembles the answer, tool calls included; a stream cut short
/// is an ``LLMError``, never a shorter answer.
public struct OpenAIClient: ChatModel {
    /// The API root, such as `https://api.openai.com/v1`; requests go to `chat/completions` under it.
    public let baseURL: URL
    /// Sent as `Authorization: Bearer …` when present.
    public let apiKey: String?
    /// The model used when a request leaves ``ChatCompletionRequest/model`` empty.
    public let model: String
    /// How long one request may take before it fails with ``LLMError/connection(_:)``.
    public let timeout: Duration
    let session: URLSession

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - baseURL: the API root, ending in `/v1`.
    ///   - apiKey: the bearer token, or `nil` for servers that need none.
    ///   - model: the default model name.
    ///   - timeout: the limit for one request.
    ///   - session: the URL session to use.
    public init(
        baseURL: URL,
        apiKey: String? = nil,
        model: String = OpenAIClient.defaultModel,
        timeout: Duration = .seconds(60),
        session: URLSession = .shared
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.timeout = timeout
        self.session = session
    }

    /// The model name used when `OPENAI_MODEL` is not set.
    public static let defaultModel = "gpt-4o-mini"

    /// Creates a client from `OPENAI_BASE_URL`, `OPENAI_API_KEY` and `OPENAI_MODEL`.
    ///
    /// - Parameters:
    ///   - environment: the variables to read; the process environment by default.
    ///   - defaultBaseURL: used when `OPENAI_BASE_URL` is not set, for example the mock server's URL.
    /// - Throws: ``LLMError/configuration(_:)`` when no base URL is set or it is not a URL.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        defaultBaseURL: URL? = nil
    ) throws -> OpenAIClient {
        let baseURL: URL
        if let text = environment["OPENAI_BASE_URL"], !text.isEmpty {
            guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
                throw LLMError.configuration("OPENAI_BASE_URL is not an http(s) URL: \(text)")
            }
            baseURL = url
        } else if let defaultBaseURL {
            baseURL = defaultBaseURL
        } else {
            throw LLMError.configuration("OPENAI_BASE_URL is not set")
        }
        let apiKey = environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let model = environment["OPENAI_MODEL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultModel
        return OpenAIClient(baseURL: baseURL, apiKey: apiKey, model: model)
    }

    public func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var request = request
        if request.model.isEmpty { request.model = model }
        request.stream = nil
        request.streamOptions = nil
        let body: Data
        do {
            body = try ChatWire.encode(request)
        } catch {
            throw LLMError.configuration("the request cannot be encoded: \(error)")
        }
        let (data, response) = try await send(path: "chat/completions", body: body)
        guard (200..<300).contains(response.statusCode) else {
            throw Self.error(status: response.statusCode, body: data, header: { response.value(forHTTPHeaderField: $0) })
        }
        do {
            return try ChatWire.decode(ChatCompletionResponse.self, from: data)
        } catch {
            throw LLMError.invalidResponse("not a chat completion (\(error)): \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }

    /// The `POST` of `body` to `path` under ``baseURL``, with the timeout and the bearer token.
    func urlRequest(path: String, body: Data) -> URLRequest {
        var urlRequest = URLRequest(url: baseURL.appendingPathComponent(path))
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = body
        urlRequest.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { urlRequest.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        return urlRequest
    }

    private func send(path: String, body: Data) async throws -> (Data, HTTPURLResponse) {
        let urlRequest = urlRequest(path: path, body: body)
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw LLMError.connection(String(describing: error))
        }
        guard let http = response as? HTTPURLResponse else {
            throw LLMError.invalidResponse("not an HTTP response")
        }
        return (data, http)
    }

    /// Builds the ``LLMError`` for an error answer from its status, body and headers.
    static func error(status: Int, body: Data, header: (String) -> String?) -> LLMError {
        let retryAfter = LLMError.retryAfter(from: header)
        if let parsed = try? ChatWire.decode(OpenAIErrorBody.self, from: body) {
            return .http(status: status, message: parsed.error.message, type: parsed.error.type, code: parsed.error.code, retryAfter: retryAfter)
        }
        let text = String(decoding: body.prefix(500), as: UTF8.self)
        return .http(status: status, message: text, type: nil, code: nil, retryAfter: retryAfter)
    }
}
