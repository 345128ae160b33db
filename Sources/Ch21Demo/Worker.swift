import Ch21Checks
import Foundation
import LabKit
import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A worker process's loop: claim tasks, run them against the model while a heartbeat keeps
/// their leases, complete them (with their effect, in the same transaction) or fail them, and
/// rescue the tasks of workers that died.
public struct Worker<WorkerClock: Clock<Duration>>: Sendable {
    /// How long leases last and how often the worker renews them, rescues, and looks for work.
    public struct Timing: Sendable {
        /// How long a claim lasts without a heartbeat.
        public var lease = Duration.seconds(4)
        /// How often a worker renews the leases of the tasks it runs.
        public var heartbeat = Duration.seconds(1)
        /// How often a worker gives back the tasks of workers whose leases expired.
        public var rescueEvery = Duration.milliseconds(500)
        /// How long an idle worker waits before it looks for work again.
        public var idlePause = Duration.milliseconds(20)
        /// How long one task may run before it is given up and retried.
        public var taskDeadline = Duration.seconds(15)

        public init() {}
    }

    let id: String
    let queue: any TaskQueue
    let model: any ChatModel
    let exercises: Ch21Exercises
    let concurrency: Int
    /// Simulated tool work after the model's answer, before the effect.
    let workTime: Duration
    /// Heartbeats, deadlines, pauses and the rescue schedule all run on it.
    let clock: WorkerClock
    let timing: Timing
    /// Whether the worker still has a reason to live: false once its supervisor is gone.
    let supervised: @Sendable () -> Bool
    let logger: Logger

    /// Creates a worker.
    /// - Parameters:
    ///   - id: Its name in leases; unique among the workers of one queue.
    ///   - queue: The queue it works.
    ///   - model: The model it asks.
    ///   - exercises: Whose `applyPatches` and `selectContext` build the prompts.
    ///   - concurrency: How many tasks it runs at once.
    ///   - workTime: Simulated tool work per task, after the model's answer.
    ///   - clock: What it sleeps on.
    ///   - timing: Leases, heartbeats, rescue, pauses, deadline.
    ///   - supervised: Whether to go on; it stops once this says false.
    ///   - logger: Where it says what happened.
    public init(id: String, queue: any TaskQueue, model: any ChatModel, exercises: Ch21Exercises, concurrency: Int,
                workTime: Duration = .zero, clock: WorkerClock, timing: Timing = Timing(),
                supervised: @escaping @Sendable () -> Bool = { true }, logger: Logger) {
        self.id = id
        self.queue = queue
        self.model = model
        self.exercises = exercises
        self.concurrency = concurrency
        self.workTime = workTime
        self.clock = clock
        self.timing = timing
        self.supervised = supervised
        self.logger = logger
    }

    /// Works until no task is left unfinished, or the supervisor is gone.
    /// - Throws: `LabError.notImplemented` when an exercise the prompts need is not written;
    ///   the queue's errors other than a lost lease.
    public func run() async throws {
        var lastRescue: WorkerClock.Instant?
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            while supervised() {
                if lastRescue.map({ $0.duration(to: clock.now) >= timing.rescueEvery }) ?? true {
                    let rescued = try await queue.rescueExpired()
                    if !rescued.isEmpty { logger.info("rescued tasks of a dead worker", metadata: ["tasks": "\(rescued.count)"]) }
                    lastRescue = clock.now
                }
                let claims = running < concurrency
                    ? try await queue.claim(worker: id, leaseFor: timing.lease, limit: concurrency - running)
                    : []
                for claim in claims {
                    running += 1
                    group.addTask { try await process(claim) }
                }
                if running == concurrency || (claims.isEmpty && running > 0) {
                    _ = try await group.next()
                    running -= 1
                } else if claims.isEmpty {
                    let counts = try await queue.counts()
                    if counts.unfinished == 0 {
                        logger.notice("no task is left unfinished: the worker stops", metadata: ["queue": "\(counts)"])
                        return
                    }
                    if let waking = queue as? any WakingTaskQueue {
                        // Woken by the next enqueue or rescue; at the latest when rescuing is due.
                        try await waking.waitForWork(upTo: timing.rescueEvery)
                    } else {
                        try await clock.sleep(for: timing.idlePause)
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// Runs one claimed task to its end: completed, failed (to be retried), or given up when
    /// its lease is lost (the task is someone else's now).
    private func process(_ claim: Claim) async throws {
        do {
            try await attempt(claim)
        } catch QueueError.leaseLost(let task, let reason) {
            logger.notice("lease lost, the task is someone else's now", metadata: ["task": "\(task)", "reason": "\(reason)"])
        }
    }

    private func attempt(_ claim: Claim) async throws {
        let answer: String
        do {
            answer = try await whileHoldingLease(claim.lease) {
                let job = try AgentJob(payload: claim.task.payload)
                let messages = try job.messages(attempt: claim.task.attempts, exercises: exercises)
                let response = try await model.complete(ChatCompletionRequest(model: "", messages: messages))
                if workTime > .zero { try await clock.sleep(for: workTime) }
                return response.message?.content ?? ""
            }
        } catch let error as LLMError where error.isRetryable {
            try await queue.fail(claim.lease, error: error.description, retryAfter: error.retryAfter)
            return
        } catch let error as LabError {
            throw error
        } catch let error as QueueError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try await queue.fail(claim.lease, error: "\(error)", retryAfter: nil)
            return
        }
        // The effect (the reply posted to the ticket) is written in the same transaction as
        // the completion: a worker killed before the commit leaves neither.
        try await queue.complete(claim.lease, result: answer,
                                 effects: [QueueEffect(key: "reply:\(claim.task.id)", detail: String(answer.prefix(60)))])
    }

    /// Runs `work` while a heartbeat renews `lease`; when a renewal is refused, the work is
    /// cancelled and `leaseLost` thrown.
    private func whileHoldingLease(_ lease: Lease, _ work: @escaping @Sendable () async throws -> String) async throws -> String {
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { try await work() }
            // A heartbeat alone would keep a hung call leased forever: the work has a deadline.
            group.addTask {
                try await clock.sleep(for: timing.taskDeadline)
                throw LLMError.connection("no answer within \(timing.taskDeadline.compact)")
            }
            group.addTask {
                while true {
                    try await clock.sleep(for: timing.heartbeat)
                    _ = try await queue.heartbeat(lease, extendBy: timing.lease)
                }
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let answer = result { return answer }
            }
            throw CancellationError()
        }
    }
}

extension QueueCounts {
    /// Tasks that are not finished: available, running or retrying.
    public var unfinished: Int { self[.available] + self[.running] + self[.retrying] }
}
