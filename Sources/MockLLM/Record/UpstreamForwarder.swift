import Foundation
import HTTPTypes
import Hummingbird
import LabKit
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The recording proxy's one route: sends the request on to the upstream API with the
/// recorder's key, answers the client with what came back, and records chat completions.
struct UpstreamForwarder: Sendable {
    /// The upstream API root, such as `https://api.openai.com/v1`.
    let upstream: URL
    /// Sent as `Authorization: Bearer …`; when `nil` the client's own header goes on.
    let apiKey: String?
    let recorder: ScenarioRecorder
    let maxBodyBytes: Int
    let session: URLSession

    func forward(_ request: Request, context: MockRequestContext) async throws -> Response {
        var request = request
        let path = request.uri.path
        guard path.hasPrefix("/v1/") else {
            throw OpenAIHTTPError(.notFound, message: "The recording proxy forwards /v1/… only, not \(path).", code: "unknown_url")
        }
        let body = try await request.collectBody(upTo: maxBodyBytes, what: "request body")
        let bytes = Data(body.readableBytesView)
        var url = upstream.appendingPathComponent(String(path.dropFirst("/v1/".count)))
        if let query = request.uri.query, var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            parts.percentEncodedQuery = query
            url = parts.url ?? url
        }
        var outgoing = URLRequest(url: url)
        outgoing.httpMethod = request.method.rawValue
        outgoing.timeoutInterval = 600
        if !bytes.isEmpty { outgoing.httpBody = bytes }
        for name in [HTTPField.Name.contentType, .accept] {
            if let value = request.headers[name] { outgoing.setValue(value, forHTTPHeaderField: name.rawName) }
        }
        if let apiKey {
            outgoing.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        } else if let authorization = request.headers[.authorization] {
            outgoing.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        let data: Data
        let response: HTTPURLResponse
        do {
            let (received, answer) = try await session.data(for: outgoing)
            guard let http = answer as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            (data, response) = (received, http)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw OpenAIHTTPError(.badGateway, message: "The upstream \(upstream) did not answer: \(error.localizedDescription)", code: "upstream_unreachable")
        }
        let contentType = response.value(forHTTPHeaderField: "Content-Type")
        let retryAfter = response.value(forHTTPHeaderField: "Retry-After")
        let retryAfterMs = response.value(forHTTPHeaderField: "retry-after-ms")
        if request.method == .post, path == "/v1/chat/completions",
            let chat = try? ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: bytes),
            let reply = RecordedReply.from(status: response.statusCode, contentType: contentType, body: data, retryAfter: retryAfter, retryAfterMs: retryAfterMs)
        {
            try recorder.record(chat, reply: reply)
            context.logger.info("recorded", metadata: ["status": "\(response.statusCode)", "file": "\(recorder.path)"])
        }
        var headers: HTTPFields = [:]
        headers[.contentType] = contentType ?? "application/json"
        if let retryAfter { headers[.retryAfter] = retryAfter }
        if let retryAfterMs, let name = HTTPField.Name("retry-after-ms") { headers[name] = retryAfterMs }
        return Response(status: .init(code: response.statusCode), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
