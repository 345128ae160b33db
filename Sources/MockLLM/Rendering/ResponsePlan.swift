import Foundation
import HTTPTypes
import Hummingbird
import LabKit

/// Turns a ``Decision`` into an HTTP response: a completion, a stream, an error, or a fault
/// that misbehaves on the connection.
struct ResponsePlan: Sendable {
    let decision: Decision
    let request: ChatCompletionRequest
    let identity: ResponseIdentity

    /// A hang lasts this long unless the fault says otherwise: ten minutes.
    static let defaultHang = Duration.seconds(600)

    private var streaming: Bool { request.stream == true }

    /// The status the response will carry, or `nil` when the connection is cut first.
    var status: Int? {
        switch decision.action {
        case .answer: 200
        case .noMatch: 400
        case .fault(let fault):
            switch fault.kind {
            case .error: fault.effectiveStatus
            case .malformed, .truncate: 200
            case .hang, .drop: nil
            }
        }
    }

    /// Whether the connection closes before any byte of the answer (`drop`, and `hang` once its
    /// time is up).
    var closesConnection: Bool {
        if case .fault(let fault) = decision.action { fault.kind == .drop || fault.kind == .hang } else { false }
    }

    /// For a stream cut short: the text its events carried before the cut.
    var cutContent: String? {
        guard streaming, case .fault(let fault) = decision.action, fault.kind == .truncate else { return nil }
        let answer = placeholderAnswer()
        let chunks = CompletionRenderer(identity: identity, request: request, answer: answer).chunks(answer, includeUsage: false)
        return chunks.prefix(fault.afterChunks ?? Self.defaultChunksBeforeCut).compactMap { $0.choices.first?.delta.content }.joined()
    }

    /// How many events a truncated stream sends unless the fault says otherwise.
    static let defaultChunksBeforeCut = 2

    /// A word for the journal.
    var outcome: String {
        switch decision.action {
        case .answer(let answer): answer.toolCalls.isEmpty ? "text" : "tool_calls"
        case .noMatch: "no_match"
        case .fault(let fault): fault.kind.rawValue
        }
    }

    func response(clock: any Clock<Duration>) async throws -> Response {
        switch decision.action {
        case .answer(let answer):
            return answerResponse(answer)
        case .noMatch(let explanation):
            throw OpenAIHTTPError(.badRequest, body: ScenarioEngine.noMatchBody(explanation))
        case .fault(let fault):
            return try await faultResponse(fault, clock: clock)
        }
    }

    /// The answer, when it goes out at once as it is: a completion or a whole stream, with no
    /// delay and no fault. The server's fast lane writes these itself.
    var immediateAnswer: ModelOutput? {
        guard decision.delay == nil, case .answer(let answer) = decision.action else { return nil }
        return answer
    }

    /// The body of an answer: one JSON document, or the chunks of a stream (written as
    /// ``ServerSentEvents/frames(_:)``).
    enum AnswerBody {
        case json(ByteBuffer)
        case stream([ChatCompletionChunk])
    }

    /// Renders an answer's body; the router and the fast lane both send these bytes.
    func answerBody(_ answer: ModelOutput) -> AnswerBody {
        let renderer = CompletionRenderer(identity: identity, request: request, answer: answer)
        if streaming {
            let includeUsage = request.streamOptions?.includeUsage == true
            return .stream(renderer.chunks(answer, includeUsage: includeUsage))
        }
        return .json(ByteBuffer(bytes: CompletionJSON.encode(renderer.completion(answer))))
    }

    private func answerResponse(_ answer: ModelOutput) -> Response {
        switch answerBody(answer) {
        case .json(let body): Self.json(body)
        case .stream(let chunks): Self.stream(ServerSentEvents.frames(chunks))
        }
    }

    private func faultResponse(_ fault: Fault, clock: any Clock<Duration>) async throws -> Response {
        switch fault.kind {
        case .error:
            throw OpenAIHTTPError(fault: fault)
        case .hang:
            try await clock.sleep(for: fault.ms.map { .milliseconds($0) } ?? Self.defaultHang)
            return Self.cut([], reason: "hang ended")
        case .drop:
            return Self.cut([], reason: "drop fault")
        case .malformed:
            if streaming {
                return Self.stream([ByteBuffer(string: "data: {\"id\": \"\(identity.id)\", \"choices\": [{\"delta\": \n\n"), ServerSentEvents.done])
            }
            let whole = try ChatWire.encode(placeholderCompletion())
            return Self.json(Data(whole.prefix(whole.count / 2)) + Data("<!-- not json".utf8))
        case .truncate:
            if streaming {
                let answer = placeholderAnswer()
                let renderer = CompletionRenderer(identity: identity, request: request, answer: answer)
                let events = renderer.chunks(answer, includeUsage: false).map(ServerSentEvents.event)
                return Self.cut(Array(events.prefix(fault.afterChunks ?? Self.defaultChunksBeforeCut)), reason: "stream cut short", contentType: "text/event-stream")
            }
            let whole = try ChatWire.encode(placeholderCompletion())
            return Self.cut([ByteBuffer(bytes: whole.prefix(whole.count / 2))], reason: "body cut short", contentLength: whole.count)
        }
    }

    /// What a truncated or malformed answer starts to say.
    static let placeholderAnswer = ModelOutput(content: "This answer will be cut short by a mock fault before it ends.", toolCalls: [], finishReason: .stop)

    private func placeholderAnswer() -> ModelOutput { Self.placeholderAnswer }

    private func placeholderCompletion() -> ChatCompletionResponse {
        let answer = placeholderAnswer()
        return CompletionRenderer(identity: identity, request: request, answer: answer).completion(answer)
    }

    static func json(_ bytes: some Sequence<UInt8>) -> Response {
        json(ByteBuffer(bytes: bytes))
    }

    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: body))
    }

    static func stream(_ events: [ByteBuffer]) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                for event in events {
                    try await writer.write(event)
                }
                try await writer.finish(nil)
            }
        )
    }

    /// Sends the head and `parts`, then closes the connection by failing the body.
    static func cut(_ parts: [ByteBuffer], reason: String, contentType: String = "application/json", contentLength: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let contentLength { headers[.contentLength] = String(contentLength) }
        return Response(
            status: .ok,
            headers: headers,
            body: ResponseBody(contentLength: contentLength) { writer in
                for part in parts {
                    try await writer.write(part)
                }
                throw MockLLMError.connectionCut(reason)
            }
        )
    }
}
