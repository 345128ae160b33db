import NIOCore

/// The first inbound handler of a connection: tells the ``ConnectionGuard`` that bytes arrived
/// (a request head starts), and throws the bytes away while the connection is ending.
final class InboundByteTap: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let connectionGuard: ConnectionGuard

    init(_ connectionGuard: ConnectionGuard) {
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !connectionGuard.discardsInput else { return }
        connectionGuard.bytesArrived()
        context.fireChannelRead(data)
    }
}
