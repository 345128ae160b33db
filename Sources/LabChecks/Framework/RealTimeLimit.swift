import Dispatch
import Synchronization

/// How a body run under a real-time limit ended.
enum LimitedOutcome: Sendable {
    case finished(Result<Void, any Error>)
    case timedOut
}

/// Runs `body` and stops waiting for it once `limit` of real time has passed.
///
/// A student's code may never return: a loop that ignores cancellation, a continuation that is
/// never resumed. Structured concurrency would wait for it forever, so the body runs in a task
/// of its own that is cancelled and abandoned at the limit. The timer is a Dispatch timer, not a
/// task, so it fires even when busy student code holds every thread of the cooperative pool.
/// Code that truly spins keeps its thread; the grader runs each chapter in a process of its own
/// for that reason.
func runWithRealTimeLimit(
    _ limit: Duration,
    _ body: @escaping @Sendable () async throws -> Void
) async -> LimitedOutcome {
    let gate = Mutex<CheckedContinuation<LimitedOutcome, Never>?>(nil)
    let finish: @Sendable (LimitedOutcome) -> Void = { outcome in
        gate.withLock { $0.take() }?.resume(returning: outcome)
    }
    return await withCheckedContinuation { continuation in
        gate.withLock { $0 = continuation }
        // Unstructured on purpose: the runner must be able to walk away from a hung check.
        let task = Task {
            do {
                try await body()
                finish(.finished(.success(())))
            } catch {
                finish(.finished(.failure(error)))
            }
        }
        let (seconds, attoseconds) = limit.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            task.cancel()
            finish(.timedOut)
        }
    }
}
