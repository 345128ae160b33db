import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with a ``ConnectionGuard`` after the decoder, an
/// ``InboundByteTap`` before it and, when the server has the fast lane, the ``RawChatLane`` after
/// the tap and the ``ChatFastLane`` after the guard.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let limits: MockLLMServer.ConnectionLimits
    let maxBodyBytes: Int
    let fastLane: MockLLMServer.FastLaneSetup?

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let connectionGuard = ConnectionGuard(limits: limits, maxBodyBytes: maxBodyBytes, logger: logger)
            let decoder = try pipeline.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try pipeline.addHandler(connectionGuard, position: .after(decoder))
            if let fastLane {
                let lane = ChatFastLane(state: fastLane.state, maxBodyBytes: fastLane.maxBodyBytes, logger: fastLane.logger)
                try pipeline.addHandler(lane, position: .after(connectionGuard))
            }
            let tap = InboundByteTap(connectionGuard)
            try pipeline.addHandler(tap, position: .first)
            if let fastLane {
                let raw = RawChatLane(state: fastLane.state, maxBodyBytes: fastLane.maxBodyBytes, logger: fastLane.logger, connectionGuard: connectionGuard)
                try pipeline.addHandler(raw, position: .after(tap))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
