import Foundation
import PostgresNIO
import Synchronization

/// Listens on one `NOTIFY` channel on a connection of its own and wakes whoever waits.
///
/// Listening starts with the first ``wait(upTo:)`` and goes on until the listener is gone; a
/// cut connection is reopened, and reopening counts as a wake-up (work may have come meanwhile).
final class NotificationListener: Sendable {
    let channel: String
    private let database: PostgresDatabase
    private let clock: any Clock<Duration>
    private let signal = WakeSignal()
    private let listening = Mutex<Task<Void, Never>?>(nil)

    init(database: PostgresDatabase, channel: String, clock: any Clock<Duration>) {
        self.database = database
        self.channel = channel
        self.clock = clock
    }

    deinit {
        listening.withLock { $0?.cancel() }
    }

    /// Returns at the first notification since the last wait, or after `timeout`.
    func wait(upTo timeout: Duration) async throws {
        startListening()
        let clock = self.clock
        let signal = self.signal
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            group.addTask { try? await clock.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        try Task.checkCancellation()
    }

    private func startListening() {
        listening.withLock { task in
            guard task == nil else { return }
            let database = self.database
            let channel = self.channel
            let clock = self.clock
            let signal = self.signal
            task = Task {
                while !Task.isCancelled {
                    do {
                        try await database.client.withConnection { connection in
                            try await connection.listen(on: channel) { notifications in
                                signal.fire()
                                for try await _ in notifications { signal.fire() }
                            }
                        }
                    } catch {
                        database.logger.debug("LISTEN \(channel) failed; listening again", metadata: ["error": "\(PostgresDatabase.describe(error))"])
                    }
                    try? await clock.sleep(for: .milliseconds(200))
                }
            }
        }
    }
}

/// A wake-up that is not lost: fired with nobody waiting, it is kept for the next waiter.
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var cancelled: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Wakes every waiter, or the next one when none waits.
    func fire() {
        let woken = state.withLock { state in
            let waiters = Array(state.waiters.values)
            state.waiters = [:]
            if waiters.isEmpty { state.pending = true }
            return waiters
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns at the next fire (or at once for a fire nobody took), or when cancelled.
    func wait() async {
        let id: UInt64? = state.withLock { state in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextID += 1
            return state.nextID
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                if let waiter = state.waiters.removeValue(forKey: id) { return Optional(waiter) }
                state.cancelled.insert(id)
                return nil
            }
            waiter?.resume()
        }
    }
}
