import Ch21Checks
import Ch21Demo
import Ch21ProductionSolution
import Foundation
import LabChecks
import LabKit
import Logging
import Testing

/// A model that answers after a wait on the worker's clock, failing its first calls with a 503
/// when told to, and running a hook on every call.
struct StubModel: ChatModel {
    let calls = SequenceCounter()
    var failures = 0
    var latency: Duration = .zero
    var onCall: @Sendable () async -> Void = {}
    let clock: ManualClock

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        let call = calls.next()
        await onCall()
        if latency > .zero { try await clock.sleep(for: latency) }
        if call <= failures {
            throw LLMError.http(status: 503, message: "overloaded", type: nil, code: nil, retryAfter: .milliseconds(100))
        }
        let text = "answered: " + (request.messages.last?.content ?? "")
        return ChatCompletionResponse(id: "r\(call)", created: 0, model: "stub",
                                      choices: [.init(index: 0, message: .assistant(text), finishReason: .stop)], usage: nil)
    }
}

/// The demo's worker on a memory queue whose wall clock is the worker's manual clock: the test
/// moves time in steps of 1 ms until the worker has nothing left to do.
///
/// The steps are not synchronised with the worker, so a worker thread that the system holds
/// back long enough may see a lease expire and its task rescued and run again; the assertions
/// are the ones that hold even then (each effect exactly once; completed, or dead).
@Suite("The demo's worker: leases kept by heartbeats, retries, deadlines, lost leases")
struct WorkerTests {
    let clock = ManualClock(mode: .manual)
    let start = Date(timeIntervalSince1970: 1_767_225_600)

    func queue(maxAttempts: Int = 5) -> MemoryTaskQueue {
        let clock = self.clock, start = self.start
        return MemoryTaskQueue(now: { start.adding(clock.now.offset) },
                               policy: QueuePolicy(maxAttempts: maxAttempts, backoffBase: .milliseconds(50), backoffCap: .seconds(1)))
    }

    /// Runs a worker until it returns, moving the clock 1 ms at a time (at most 5 minutes).
    func run(_ queue: MemoryTaskQueue, _ model: StubModel) async throws {
        let worker = Worker(id: "w1", queue: queue, model: model, exercises: Ch21ProductionSolution.exercises,
                            concurrency: 2, clock: clock, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let finished = Recorder<Bool>()
        let running = Task {
            defer { finished.append(true) }
            try await worker.run()
        }
        var steps = 0
        while finished.count == 0 && steps < 300_000 {
            clock.advance(by: .milliseconds(1))
            for _ in 0..<5 { await Task.yield() }
            steps += 1
        }
        running.cancel()
        try await running.value
    }

    @Test("every task is completed once, with its effect in the ledger")
    func completesEveryTaskWithItsEffect() async throws {
        let queue = queue()
        try await queue.enqueue((1...5).map { NewQueueTask(payload: AgentJob.make($0).payload) })
        try await run(queue, StubModel(clock: clock))
        #expect(await queue.counts() == QueueCounts([.completed: 5]))
        #expect(await queue.appliedEffects().map(\.effect.key).sorted() == (1...5).map { "reply:task-\($0)" })
        let answer = try #require(await queue.task(id: "task-1")?.result)
        #expect(answer.contains("Ticket #1"), "\(answer)")
    }

    @Test("a 503 fails the task; it runs again no sooner than the server's retry-after, then completes")
    func retriesAfterA503() async throws {
        let queue = queue()
        try await queue.enqueue(NewQueueTask(payload: AgentJob.make(1).payload))
        let model = StubModel(failures: 1, clock: clock)
        try await run(queue, model)
        let task = try #require(await queue.task(id: "task-1"))
        #expect(task.state == .completed)
        #expect(task.attempts >= 2)
        #expect(model.calls.next() >= 3, "expected the model to be called twice")
        #expect(clock.now.offset >= .milliseconds(100), "the retry came before the server's retry-after")
        #expect(await queue.appliedEffects().count == 1)
    }

    // Without heartbeats every attempt would outlive its 4 s lease, be rescued, and the task
    // would end dead after its 5 attempts.
    @Test("heartbeats keep the lease of a task slower than its lease (10 s against 4 s)")
    func heartbeatsKeepASlowTask() async throws {
        let queue = queue()
        try await queue.enqueue(NewQueueTask(payload: AgentJob.make(1).payload))
        try await run(queue, StubModel(latency: .seconds(10), clock: clock))
        let task = try #require(await queue.task(id: "task-1"))
        #expect(task.state == .completed, "\(task)")
        #expect(await queue.appliedEffects().count == 1)
    }

    @Test("a task over its deadline is given up and retried; after its attempts it is dead, with no effect")
    func aHungModelHitsTheDeadline() async throws {
        let queue = queue(maxAttempts: 2)
        try await queue.enqueue(NewQueueTask(payload: AgentJob.make(1).payload))
        try await run(queue, StubModel(latency: .seconds(60), clock: clock))
        let task = try #require(await queue.task(id: "task-1"))
        #expect(task.state == .dead, "\(task)")
        #expect(task.attempts == 2)
        #expect(await queue.appliedEffects().isEmpty)
    }

    @Test("a task cancelled while the model thinks: the heartbeat is refused, nothing is completed")
    func aLostLeaseCompletesNothing() async throws {
        let queue = queue()
        try await queue.enqueue(NewQueueTask(payload: AgentJob.make(1).payload))
        try await run(queue, StubModel(latency: .seconds(5), onCall: { _ = try? await queue.cancel(id: "task-1") }, clock: clock))
        #expect(await queue.task(id: "task-1")?.state == .cancelled)
        #expect(await queue.appliedEffects().isEmpty)
    }
}
