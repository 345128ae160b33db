import NIOCore

/// The life of one connection, without I/O: what the client is sending, how many answers are
/// owed, and which wait is running with its deadline. ``ConnectionGuard`` feeds it events and
/// acts on what it says; tests drive it with made-up times.
struct ConnectionState {
    /// The bounded waits of a connection.
    enum Wait: Equatable, Sendable {
        /// For the first byte of the next request, with no answer owed.
        case idle
        /// For the rest of a request head.
        case head
        /// For the rest of a request body.
        case body
        /// For the client to close, after the server's last answer.
        case linger
    }

    /// What the client is sending.
    enum Reading: Equatable, Sendable {
        case between, head, body
    }

    let limits: MockLLMServer.ConnectionLimits
    private(set) var reading = Reading.between
    /// Requests whose answer has not ended.
    private(set) var owed = 0
    /// The connection ends after the answers owed (a rejection, `Connection: close`, input closed).
    private(set) var closesAfterAnswers = false
    /// The last answer is written: the server reads and discards until the client closes.
    private(set) var lingering = false
    /// The wait in force and when it ends; `nil` while the server is busy answering.
    private(set) var wait: (kind: Wait, deadline: NIODeadline)?

    init(limits: MockLLMServer.ConnectionLimits, now: NIODeadline) {
        self.limits = limits
        wait = (.idle, now + TimeAmount(limits.idleTimeout))
    }

    /// Bytes arrived: the first of them starts a request head.
    mutating func bytesArrived(now: NIODeadline) {
        guard !lingering, reading == .between else { return }
        reading = .head
        wait = (.head, now + TimeAmount(limits.headerTimeout))
    }

    /// A whole head arrived; `keepAlive` is false when the client asked to close after it.
    mutating func headArrived(now: NIODeadline, keepAlive: Bool) {
        owed += 1
        reading = .body
        wait = (.body, now + TimeAmount(limits.bodyTimeout))
        if !keepAlive { closesAfterAnswers = true }
    }

    /// The request ended (its body, if any, is complete).
    mutating func requestEnded() {
        reading = .between
        wait = nil
    }

    /// The server decided to end the connection once the answers owed are written.
    mutating func closeAfterAnswers() {
        closesAfterAnswers = true
    }

    /// An answer the server wrote itself (a rejection) is owed too.
    mutating func owe() {
        owed += 1
    }

    /// An answer ended. Returns `true` when it was the last one: the server now half-closes and
    /// lingers.
    mutating func answerEnded(now: NIODeadline) -> Bool {
        owed = max(0, owed - 1)
        guard owed == 0 else { return false }
        if closesAfterAnswers {
            lingering = true
            reading = .between
            wait = (.linger, now + TimeAmount(limits.lingerTimeout))
            return true
        }
        if reading == .between { wait = (.idle, now + TimeAmount(limits.idleTimeout)) }
        return false
    }

    /// The wait that has run out at `now`, if any.
    func expired(now: NIODeadline) -> Wait? {
        guard let wait, now >= wait.deadline else { return nil }
        return wait.kind
    }

    /// Whether a timed-out request can still be answered (408): no other answer is being written.
    var canAnswerTimeout: Bool {
        switch reading {
        case .head, .between: owed == 0
        case .body: owed == 1
        }
    }
}
