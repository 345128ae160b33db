import Synchronization

/// The server's shared mutable state: the scenario in force, the attempt count of each
/// conversation, and the request journal. Every access holds one lock briefly.
final class MockState: Sendable {
    private struct Storage {
        var engine: ScenarioEngine
        var attempts: [UInt64: Int] = [:]
        var journal: JournalRing
        var nextSequence = 1
    }

    /// The newest journal entries, at most `limit`, in a ring: once full, each new entry takes the
    /// place of the oldest, so every request costs the same and none pays for trimming.
    struct JournalRing {
        private var entries: [JournalEntry] = []
        /// Where the oldest entry is, once the ring is full.
        private var oldest = 0
        let limit: Int

        init(limit: Int) {
            self.limit = max(0, limit)
            entries.reserveCapacity(min(self.limit, 4096))
        }

        /// Adds an entry, and hands back the one it pushed out, for the caller to release after
        /// it lets go of the lock.
        mutating func append(_ entry: JournalEntry) -> JournalEntry? {
            guard limit > 0 else { return entry }
            guard entries.count == limit else {
                entries.append(entry)
                return nil
            }
            var pushedOut = entry
            swap(&entries[oldest], &pushedOut)
            oldest = (oldest + 1) % limit
            return pushedOut
        }

        /// The entries, oldest first.
        var inOrder: [JournalEntry] { Array(entries[oldest...]) + entries[..<oldest] }

        mutating func removeAll() {
            entries.removeAll()
            oldest = 0
        }
    }

    /// Conversations remembered before the attempt table starts over (a bound on memory).
    static let attemptTableLimit = 100_000

    /// The most of a request body the journal keeps (a bound on memory); the rest is replaced by
    /// a note saying how much was cut.
    static let journalBodyLimit = 256 * 1024

    private let storage: Mutex<Storage>
    /// Requests the fast lane answered itself (the rest went through the router), for tests.
    let laneAnswers = Atomic<Int>(0)
    /// Of those, the ones the raw lane answered from the socket's bytes, for tests.
    let rawLaneAnswers = Atomic<Int>(0)
    /// The time since start, on the server's clock, for the journal's stamps.
    private let elapsed: @Sendable () -> Duration

    init(engine: ScenarioEngine, journalLimit: Int, elapsed: @escaping @Sendable () -> Duration = { .zero }) {
        self.storage = Mutex(Storage(engine: engine, journal: JournalRing(limit: journalLimit)))
        self.elapsed = elapsed
    }

    /// The state of a new server or model: the scenario loaded, with the configuration's seed,
    /// strictness and journal limit. Every server and model starts here.
    ///
    /// - Throws: ``MockLLMError`` when the scenario does not load.
    convenience init(scenario: ScenarioSource, configuration: MockLLMServer.Configuration) throws {
        self.init(
            engine: ScenarioEngine(scenario: try scenario.load(), seed: configuration.seed, strict: configuration.strict),
            journalLimit: configuration.journalLimit,
            elapsed: Self.stopwatch(configuration.clock)
        )
    }

    /// A source of the time since now on `clock`.
    static func stopwatch(_ clock: any Clock<Duration>) -> @Sendable () -> Duration {
        func start<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
            let origin = clock.now
            return { origin.duration(to: clock.now) }
        }
        return start(clock)
    }

    /// Counts one more attempt of a conversation, and returns it with the engine in force.
    func beginAttempt(conversation key: UInt64) -> (engine: ScenarioEngine, attempt: Int) {
        storage.withLock { storage in
            if storage.attempts.count >= Self.attemptTableLimit { storage.attempts.removeAll(keepingCapacity: true) }
            let attempt = storage.attempts[key, default: 0] + 1
            storage.attempts[key] = attempt
            return (storage.engine, attempt)
        }
    }

    /// Counts one more attempt of a conversation only when `decide`, given the engine in force
    /// and the attempt this would be, returns a value; otherwise nothing is counted. The server's
    /// fast lane asks this way, so that a request it hands on is counted once, by the router.
    func beginAttempt<Value: Sendable>(
        conversation key: UInt64,
        if decide: (ScenarioEngine, Int) -> Value?
    ) -> Value? {
        storage.withLock { storage in
            let attempt = storage.attempts[key, default: 0] + 1
            guard let value = decide(storage.engine, attempt) else { return nil }
            if storage.attempts.count >= Self.attemptTableLimit { storage.attempts.removeAll(keepingCapacity: true) }
            storage.attempts[key] = attempt
            return value
        }
    }

    /// The engine in force.
    var engine: ScenarioEngine { storage.withLock { $0.engine } }

    /// Adds a journal entry; its sequence number is assigned here.
    func record(
        method: String, path: String, body: String, rule: String?, attempt: Int?, status: Int?, outcome: String,
        unknownFields: [String] = [], facts: AttemptFacts = AttemptFacts()
    ) {
        let received = Int(elapsed() / .milliseconds(1))
        // The entry a full journal pushes out is released here, after the lock.
        _ = storage.withLock { storage -> JournalEntry? in
            var entry = JournalEntry(
                sequence: storage.nextSequence, method: method, path: path, body: Self.clipped(body),
                rule: rule, attempt: attempt, status: status, outcome: outcome,
                unknownFields: unknownFields.isEmpty ? nil : unknownFields
            )
            entry.conversation = facts.conversation.map(Self.hex)
            entry.receivedMs = received
            entry.delayMs = facts.delayMs
            entry.retryAfterMs = facts.retryAfterMs
            entry.nextAttemptAnswers = facts.nextAttemptAnswers
            entry.cutContent = facts.cutContent
            storage.nextSequence += 1
            return storage.journal.append(entry)
        }
    }

    /// 16 lowercase hex digits.
    static func hex(_ key: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            let digits: StaticString = "0123456789abcdef"
            for index in 0..<16 {
                buffer[index] = digits.utf8Start[Int((key >> UInt64(60 - 4 * index)) & 0xF)]
            }
            return 16
        }
    }

    static func clipped(_ body: String) -> String {
        let size = body.utf8.count
        guard size > journalBodyLimit else { return body }
        let kept = String(decoding: body.utf8.prefix(journalBodyLimit), as: UTF8.self)
        return kept + "…[\(size - journalBodyLimit) more bytes not kept]"
    }

    /// The journal, oldest first (at most the journal limit).
    var journal: [JournalEntry] { storage.withLock { $0.journal.inOrder } }

    /// Forgets attempts and the journal.
    func reset() {
        storage.withLock { storage in
            storage.attempts.removeAll()
            storage.journal.removeAll()
            storage.nextSequence = 1
        }
    }

    /// Puts a new scenario in force and forgets attempts and the journal.
    func load(_ scenario: Scenario) {
        storage.withLock { storage in
            storage.engine = ScenarioEngine(scenario: scenario, seed: storage.engine.seed, strict: storage.engine.strict)
            storage.attempts.removeAll()
            storage.journal.removeAll()
            storage.nextSequence = 1
        }
    }
}
