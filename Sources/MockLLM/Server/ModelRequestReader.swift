import Foundation
import Hummingbird
import LabKit

/// Reads the body of a model request (chat completions or responses) and its conversation
/// label, journalling a request that cannot be read as `bad_request` before its error goes out.
struct ModelRequestReader: Sendable {
    let state: MockState
    let maxBodyBytes: Int

    /// The body as sent, its text for the journal, and the `x-mock-conversation` label.
    struct Body: Sendable {
        let bytes: Data
        let text: String
        let label: String?
    }

    /// Collects the body.
    ///
    /// - Throws: ``OpenAIHTTPError`` (413, 400), journalled.
    func body(of request: inout Request) async throws -> Body {
        let label = request.headers[ChatCompletionsHandler.conversationHeader]
        do {
            let buffer = try await request.collectBody(upTo: maxBodyBytes, what: "request body")
            let bytes = Data(buffer.readableBytesView)
            return Body(bytes: bytes, text: String(decoding: bytes, as: UTF8.self), label: label)
        } catch let error as OpenAIHTTPError {
            state.record(method: "POST", path: request.uri.path, body: "", rule: nil, attempt: nil, status: Int(error.status.code), outcome: "bad_request")
            throw error
        }
    }

    /// Reads the body with `parse`, journalling a failure with the body and its conversation key.
    ///
    /// - Throws: what `parse` throws.
    func parse<Value>(_ body: Body, path: String, _ parse: (Data) throws -> Value) throws -> Value {
        do {
            return try parse(body.bytes)
        } catch let error as OpenAIHTTPError {
            state.record(
                method: "POST", path: path, body: body.text, rule: nil, attempt: nil, status: Int(error.status.code), outcome: "bad_request",
                facts: AttemptFacts(conversation: Turn.conversationKey(bytes: body.bytes, label: body.label))
            )
            throw error
        }
    }
}
