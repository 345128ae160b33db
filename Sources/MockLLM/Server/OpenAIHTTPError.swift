import Foundation
import HTTPTypes
import Hummingbird
import LabKit

/// An error answered in OpenAI's shape: a status and `{"error": {"message", "type", "param", "code"}}`.
struct OpenAIHTTPError: HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let body: OpenAIErrorBody
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, message: String, type: String? = nil, param: String? = nil, code: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.body = OpenAIErrorBody(message: message, type: type ?? Fault.defaultType(for: status.code), param: param, code: code)
        self.headers = headers
    }

    init(_ status: HTTPResponse.Status, body: OpenAIErrorBody) {
        self.status = status
        self.body = body
    }

    /// The answer to an `error` fault, with its `Retry-After` and `retry-after-ms` headers.
    init(fault: Fault) {
        var headers: HTTPFields = [:]
        if let seconds = fault.retryAfter { headers[.retryAfter] = String(seconds) }
        if let milliseconds = fault.retryAfterMs, let name = HTTPField.Name("retry-after-ms") {
            headers[name] = String(milliseconds)
        }
        self.status = HTTPResponse.Status(code: fault.effectiveStatus)
        self.body = fault.errorBody
        self.headers = headers
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    func makeResponse() -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? ChatWire.encode(body)) ?? Data("{\"error\":{\"message\":\"error\",\"type\":\"server_error\",\"param\":null,\"code\":null}}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Answers every error that escapes a route, unknown routes included, with an OpenAI error body.
struct OpenAIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as OpenAIHTTPError {
            return error.makeResponse()
        } catch let error as HTTPError where error.status == .notFound {
            let message = "Unknown request URL: \(request.method) \(request.uri.path). Routes: POST /v1/chat/completions, POST /v1/responses, GET /v1/models, GET /health, GET /_mock/requests, GET /_mock/verdict, POST /_mock/reset, POST /_mock/scenario."
            return OpenAIHTTPError(.notFound, message: message, code: "unknown_url").makeResponse()
        } catch let error as any HTTPResponseError {
            return OpenAIHTTPError(error.status, message: error.status.reasonPhrase).makeResponse()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            return OpenAIHTTPError(.internalServerError, message: "mock-llm internal error: \(error)").makeResponse()
        }
    }
}
