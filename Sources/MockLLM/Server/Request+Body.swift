import Hummingbird

extension Request {
    /// Collects the body up to `limit` bytes, answering problems in OpenAI's shape: 413 when it is
    /// larger, 400 when it ends early or cannot be read. Both end the connection
    /// (`Connection: close`), since the rest of the body is never read.
    mutating func collectBody(upTo limit: Int, what: String) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw OpenAIHTTPError(
                .contentTooLarge,
                message: "The \(what) is larger than the server accepts (\(limit) bytes).",
                code: "request_too_large",
                headers: [.connection: "close"]
            )
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw OpenAIHTTPError(.badRequest, message: "The \(what) could not be read: \(error).", code: "unreadable_body", headers: [.connection: "close"])
        }
    }
}
