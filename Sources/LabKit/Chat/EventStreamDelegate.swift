import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Receives one streamed HTTP response and turns it into chat completion chunks.
///
/// `URLSession.bytes(for:)` is not available in every Foundation, so the bytes come through
/// the session's data delegate. Events are parsed as they arrive; an error status collects the
/// body and ends in the matching ``LLMError``; a stream that closes before `data: [DONE]` ends
/// in ``LLMError/connection(_:)``.
final class EventStreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked Sendable: URLSession calls the delegate on its own queue; every mutable field
    // lives in `state`, behind this Mutex.
    private struct State {
        var status: Int?
        var headers: [String: String] = [:]
        var errorBody = Data()
        var parser = ServerSentEventParser()
        var sawDone = false
        var finished = false
    }

    private let state = Mutex(State())
    private let continuation: AsyncThrowingStream<ChatCompletionChunk, any Error>.Continuation

    private init(continuation: AsyncThrowingStream<ChatCompletionChunk, any Error>.Continuation) {
        self.continuation = continuation
    }

    /// Starts `request` on a session of its own and returns its chunks.
    static func stream(_ request: URLRequest, configuration: URLSessionConfiguration) -> AsyncThrowingStream<ChatCompletionChunk, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatCompletionChunk.self, throwing: (any Error).self)
        let delegate = EventStreamDelegate(continuation: continuation)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: request)
        continuation.onTermination = { termination in
            if case .cancelled = termination { task.cancel() }
            session.finishTasksAndInvalidate()
        }
        task.resume()
        return stream
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        state.withLock { state in
            state.status = http?.statusCode
            for (key, value) in http?.allHeaderFields ?? [:] {
                if let key = key as? String, let value = value as? String { state.headers[key.lowercased()] = value }
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let outcome: Result<[ChatCompletionChunk], LLMError> = state.withLock { state in
            guard !state.finished else { return .success([]) }
            guard let status = state.status, (200..<300).contains(status) else {
                state.errorBody.append(data)
                return .success([])
            }
            var chunks: [ChatCompletionChunk] = []
            for event in state.parser.feed(data) {
                if state.sawDone { continue }
                if event == "[DONE]" {
                    state.sawDone = true
                    continue
                }
                do {
                    chunks.append(try ChatWire.decode(ChatCompletionChunk.self, from: Data(event.utf8)))
                } catch {
                    state.finished = true
                    return .failure(.invalidResponse("a stream event is not a chat completion chunk (\(error)): \(event.prefix(200))"))
                }
            }
            return .success(chunks)
        }
        switch outcome {
        case .success(let chunks):
            for chunk in chunks { continuation.yield(chunk) }
        case .failure(let error):
            continuation.finish(throwing: error)
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let ending: LLMError? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            if let error {
                return .connection("the stream broke off: \(error.localizedDescription)")
            }
            guard let status = state.status else { return .invalidResponse("not an HTTP response") }
            guard (200..<300).contains(status) else {
                let headers = state.headers
                return OpenAIClient.error(status: status, body: state.errorBody) { headers[$0.lowercased()] }
            }
            if !state.sawDone {
                return .connection("the stream ended before data: [DONE]: the answer was cut short")
            }
            return nil
        }
        if let ending {
            continuation.finish(throwing: ending)
        } else {
            continuation.finish()
        }
    }
}
