import Foundation
import HTTPTypes
import Hummingbird
import LabKit
import Logging

/// `POST /v1/chat/completions`: reads the request, asks the scenario, and writes the answer, the
/// error or the fault.
struct ChatCompletionsHandler: Sendable {
    let state: MockState
    let clock: any Clock<Duration>
    let maxBodyBytes: Int

    /// The header that separates conversations with identical requests, for attempt counting.
    static let conversationHeader = HTTPField.Name("x-mock-conversation")!

    func handle(_ request: Request, context: MockRequestContext) async throws -> Response {
        var request = request
        let path = request.uri.path
        let reader = ModelRequestReader(state: state, maxBodyBytes: maxBodyBytes)
        let body = try await reader.body(of: &request)
        let (bytes, bodyText) = (body.bytes, body.text)
        let parsed = try reader.parse(body, path: path, Self.parse)

        let chatRequest = parsed.request
        let headers = request.headers
        let turn = Turn.take(chatRequest, bytes: bytes, label: body.label, state: state) { name in
            HTTPField.Name(name).flatMap { headers[$0] }
        }
        let decision = turn.decision
        let plan = ResponsePlan(decision: decision, request: chatRequest, identity: turn.identity)
        Self.journal(turn, plan: plan, path: path, body: bodyText, unknownFields: parsed.unknownFields, state: state, logger: context.logger)
        if let delay = decision.delay {
            try await clock.sleep(for: delay)
        }
        let response = try await plan.response(clock: clock)
        if plan.closesConnection {
            await context.closeConnection()
        }
        return response
    }

    /// Journals a turn and logs it at debug level: the router and the fast lane both do this.
    static func journal(_ turn: Turn, plan: ResponsePlan, path: String, body: String, unknownFields: [String], state: MockState, logger: Logger) {
        let decision = turn.decision
        state.record(
            method: "POST", path: path, body: body, rule: decision.rule, attempt: turn.attempt,
            status: plan.status, outcome: plan.outcome, unknownFields: unknownFields,
            facts: AttemptFacts(turn: turn, plan: plan)
        )
        logger.debug(
            "chat completion",
            metadata: ["rule": "\(decision.rule ?? "-")", "attempt": "\(turn.attempt)", "outcome": "\(plan.outcome)"]
        )
    }

    /// A request as read, with the fields it carries beyond OpenAI's documented ones.
    struct Parsed: Sendable {
        let request: ChatCompletionRequest
        let unknownFields: [String]
    }

    /// Decodes a request body, turning every problem into a 400 in OpenAI's shape.
    static func parse(_ bytes: Data) throws -> Parsed {
        let parsed: Parsed
        if let quick = RequestReader.request(in: bytes) {
            // The quick reader takes documented fields only.
            parsed = Parsed(request: quick, unknownFields: [])
        } else {
            let request = try decode(bytes)
            let document = try? ChatWire.decode(JSONValue.self, from: bytes)
            parsed = Parsed(request: request, unknownFields: document.map(RequestFields.unknown(in:)) ?? [])
        }
        if parsed.request.messages.isEmpty {
            throw OpenAIHTTPError(.badRequest, message: "'messages' must contain at least one message.", param: "messages")
        }
        if parsed.request.model.isEmpty {
            throw OpenAIHTTPError(.badRequest, message: "'model' must not be empty.", param: "model")
        }
        return parsed
    }

    /// A request the quick reader takes and that needs no error: the fast lane's reading. `nil`
    /// leaves the request to ``parse(_:)``.
    static func quickParse(_ bytes: Data) -> ChatCompletionRequest? {
        guard let request = RequestReader.request(in: bytes), !request.messages.isEmpty, !request.model.isEmpty else { return nil }
        return request
    }

    /// Decodes with JSONDecoder: for requests the quick reader leaves, and for the errors.
    private static func decode(_ bytes: Data) throws -> ChatCompletionRequest {
        do {
            // Rules look at tool names only; schemas are most of a request's decoding time.
            return try ChatWire.decodeSkippingToolSchemas(ChatCompletionRequest.self, from: bytes)
        } catch let error as DecodingError {
            let param = Self.param(for: error)
            if let problem = BodyEncoding.problem(in: bytes) {
                throw OpenAIHTTPError(.badRequest, message: problem, param: param, code: "invalid_encoding")
            }
            throw OpenAIHTTPError(.badRequest, message: Self.message(for: error), param: param)
        } catch {
            throw OpenAIHTTPError(.badRequest, message: "We could not parse the JSON body of your request.")
        }
    }

    private static func message(for error: DecodingError) -> String {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
            return "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)"
        }
        return "Invalid request: " + ScenarioSource.describe(error) + "."
    }

    private static func param(for error: DecodingError) -> String? {
        let codingPath: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): codingPath = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): codingPath = context.codingPath
        @unknown default: codingPath = []
        }
        return codingPath.isEmpty ? nil : codingPath.jsonPath
    }
}
