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
}
