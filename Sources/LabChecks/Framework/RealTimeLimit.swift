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
/// of its own that is abandoned at the limit. The timer is a Dispatch timer, not a task, so it
/// fires even when busy student code holds every thread of the cooperative pool.
///
/// The verdict is settled before anything is cancelled: at the limit the outcome becomes
/// `.timedOut` first, and only then is the body cancelled. Whatever the body does once it is
/// cancelled (a wait that returns early, a check that then "passes") cannot change it. Code
/// that truly spins keeps its thread; the grader runs each chapter in a process of its own for
/// that reason.
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
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(limit.nanoseconds)) {
            finish(.timedOut)
            task.cancel()
        }
    }
}

extension Duration {
    /// The whole nanoseconds in the duration, saturating at `Int.max`.
    var nanoseconds: Int {
        let (seconds, attoseconds) = components
        let (product, overflow) = Int(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product + Int(attoseconds / 1_000_000_000)
    }
}
