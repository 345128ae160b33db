import NIOCore
import Testing
@testable import MockLLM

@Suite("connection state, without I/O")
struct ConnectionStateTests {
    static let limits = MockLLMServer.ConnectionLimits(
        idleTimeout: .seconds(60), headerTimeout: .seconds(10), bodyTimeout: .seconds(30), lingerTimeout: .seconds(2)
    )
    static func at(_ seconds: Int64) -> NIODeadline { .uptimeNanoseconds(UInt64(seconds) * 1_000_000_000) }

    @Test("idle, then head, then body waits follow the request; none while the answer is owed")
    func waitsFollowTheRequest() {
        var state = ConnectionState(limits: Self.limits, now: Self.at(0))
        #expect(state.wait?.kind == .idle && state.wait?.deadline == Self.at(60))
        state.bytesArrived(now: Self.at(5))
        #expect(state.wait?.kind == .head && state.wait?.deadline == Self.at(15))
        state.bytesArrived(now: Self.at(14))
        #expect(state.wait?.deadline == Self.at(15), "more bytes of the same head do not extend its deadline")
        state.headArrived(now: Self.at(14), keepAlive: true)
        #expect(state.wait?.kind == .body && state.wait?.deadline == Self.at(44))
        state.requestEnded()
        #expect(state.wait == nil)
        #expect(state.expired(now: Self.at(10_000)) == nil, "a slow answer is the server's own business")
        let endedConnection = state.answerEnded(now: Self.at(100))
        #expect(!endedConnection)
        #expect(state.wait?.kind == .idle && state.wait?.deadline == Self.at(160))
        #expect(state.expired(now: Self.at(159)) == nil)
        #expect(state.expired(now: Self.at(160)) == .idle)
    }

    @Test("a request that asks to close, or a rejection, ends in lingering after the last answer")
    func closeAfterAnswers() {
        var state = ConnectionState(limits: Self.limits, now: Self.at(0))
        state.bytesArrived(now: Self.at(1))
        state.headArrived(now: Self.at(1), keepAlive: false)
        state.requestEnded()
        let lingers = state.answerEnded(now: Self.at(3))
        #expect(lingers)
        #expect(state.lingering)
        #expect(state.wait?.kind == .linger && state.wait?.deadline == Self.at(5))
        state.bytesArrived(now: Self.at(4))
        #expect(state.wait?.kind == .linger, "bytes while lingering start no request")
    }

    @Test("a pipelined second request waits for the first answer before the connection may idle")
    func pipelined() {
        var state = ConnectionState(limits: Self.limits, now: Self.at(0))
        state.bytesArrived(now: Self.at(1))
        state.headArrived(now: Self.at(1), keepAlive: true)
        state.requestEnded()
        state.bytesArrived(now: Self.at(2))
        state.headArrived(now: Self.at(2), keepAlive: true)
        state.requestEnded()
        let first = state.answerEnded(now: Self.at(3))
        #expect(!first)
        #expect(state.wait == nil, "one answer still owed")
        let second = state.answerEnded(now: Self.at(4))
        #expect(!second)
        #expect(state.wait?.kind == .idle)
    }

    @Test("a timed-out request can be answered only when no other answer is being written")
    func timeoutAnswer() {
        var state = ConnectionState(limits: Self.limits, now: Self.at(0))
        state.bytesArrived(now: Self.at(1))
        #expect(state.canAnswerTimeout)
        state.headArrived(now: Self.at(1), keepAlive: true)
        #expect(state.canAnswerTimeout, "only this request's answer is owed")
        state.requestEnded()
        state.bytesArrived(now: Self.at(2))
        #expect(!state.canAnswerTimeout, "the first request's answer is still owed")
    }
}
