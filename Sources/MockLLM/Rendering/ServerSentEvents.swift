import Foundation
import Hummingbird
import LabKit

/// Server-sent event framing: `data: {json}\n\n`, closed by `data: [DONE]\n\n`.
enum ServerSentEvents {
    static let done = ByteBuffer(string: "data: [DONE]\n\n")

    static func event(_ chunk: ChatCompletionChunk) -> ByteBuffer {
        var buffer = ByteBuffer(string: "data: ")
        buffer.writeBytes(CompletionJSON.encode(chunk))
        buffer.writeString("\n\n")
        return buffer
    }

    /// The most bytes of events one write carries.
    static let frameLimit = 64 * 1024

    /// A whole stream as the server writes it, ending in `[DONE]`: the first event in a write of
    /// its own, so that it leaves at once, then the rest in writes of up to ``frameLimit`` bytes
    /// (whole events each). With no delay between events, one write per event would only cost
    /// time: the bytes a client reads are the same.
    static func frames(_ chunks: [ChatCompletionChunk]) -> [ByteBuffer] {
        guard let first = chunks.first else { return [done] }
        return [firstFrame(first, last: chunks.count == 1)] + laterFrames(chunks.dropFirst())
    }

    /// The first write of ``frames(_:)``: the first event (and `[DONE]` when it is the only one).
    static func firstFrame(_ chunk: ChatCompletionChunk, last: Bool) -> ByteBuffer {
        var frame = event(chunk)
        if last { frame.writeImmutableBuffer(done) }
        return frame
    }

    /// The writes of ``frames(_:)`` after the first: the other events, then `[DONE]`.
    static func laterFrames(_ chunks: ArraySlice<ChatCompletionChunk>) -> [ByteBuffer] {
        guard !chunks.isEmpty else { return [] }
        var frames: [ByteBuffer] = []
        var current = ByteBuffer()
        for chunk in chunks {
            let json = CompletionJSON.encode(chunk)
            if current.readableBytes > 0, current.readableBytes + json.count + 8 > frameLimit {
                frames.append(current)
                current = ByteBuffer()
            }
            if current.capacity == 0 { current.reserveCapacity(frameLimit) }
            current.writeString("data: ")
            current.writeBytes(json)
            current.writeString("\n\n")
        }
        current.writeImmutableBuffer(done)
        frames.append(current)
        return frames
    }
}
