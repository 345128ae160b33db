import Foundation
import HTTPTypes
import Hummingbird
import LabKit

/// `POST /v1/responses`: the Responses API over the same scenarios as chat completions. The
/// request is read as a chat request (``ResponsesInput``), decided alike, and answered as a
/// `response` object or its typed events; errors, hangs and drops behave as for chat.
struct ResponsesHandler: Sendable {
    let state: MockState
    let clock: any Clock<Duration>
    let maxBodyBytes: Int

    func handle(_ request: Request, context: MockRequestContext) async throws -> Response {
        var request = request
        let path = request.uri.path
        let reader = ModelRequestReader(state: state, maxBodyBytes: maxBodyBytes)
        let body = try await reader.body(of: &request)
        let (bytes, bodyText, label) = (body.bytes, body.text, body.label)
        let chatRequest = try reader.parse(body, path: path, ResponsesInput.chatRequest(from:))
        let headers = request.headers
        let turn = Turn.take(chatRequest, bytes: bytes, label: label, state: state) { name in
            HTTPField.Name(name).flatMap { headers[$0] }
        }
        let plan = ResponsePlan(decision: turn.decision, request: chatRequest, identity: turn.identity)
        var facts = AttemptFacts(turn: turn, plan: plan)
        let streaming = chatRequest.stream == true
        let cutEvents = cutEvents(turn: turn, request: chatRequest)
        if let cutEvents {
            facts.cutContent = ResponsesRenderer.text(in: cutEvents)
        }
        state.record(
            method: "POST", path: path, body: bodyText, rule: turn.decision.rule, attempt: turn.attempt,
            status: plan.status, outcome: plan.outcome, facts: facts
        )
        if let delay = turn.decision.delay {
            try await clock.sleep(for: delay)
        }
        switch turn.decision.action {
        case .answer(let output):
            let renderer = ResponsesRenderer(identity: turn.identity, request: chatRequest, output: output)
            return streaming ? ResponsePlan.stream(renderer.events()) : ResponsePlan.json(renderer.body())
        case .fault(let fault) where fault.kind == .truncate:
            if let cutEvents {
                return ResponsePlan.cut(cutEvents, reason: "stream cut short", contentType: "text/event-stream")
            }
            let whole = ResponsesRenderer(identity: turn.identity, request: chatRequest, output: ResponsePlan.placeholderAnswer).body()
            return ResponsePlan.cut([ByteBuffer(bytes: whole.prefix(whole.count / 2))], reason: "body cut short", contentLength: whole.count)
        default:
            let response = try await plan.response(clock: clock)
            if plan.closesConnection { await context.closeConnection() }
            return response
        }
    }

    /// For a truncate fault on a stream: the events sent before the cut.
    private func cutEvents(turn: Turn, request: ChatCompletionRequest) -> [ByteBuffer]? {
        guard request.stream == true, case .fault(let fault) = turn.decision.action, fault.kind == .truncate else { return nil }
        let events = ResponsesRenderer(identity: turn.identity, request: request, output: ResponsePlan.placeholderAnswer).events()
        return Array(events.prefix(fault.afterChunks ?? ResponsePlan.defaultChunksBeforeCut))
    }
}
