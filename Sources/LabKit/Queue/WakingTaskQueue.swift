/// A ``TaskQueue`` that can tell an idle worker when new work may have arrived (PostgreSQL's
/// `LISTEN`/`NOTIFY`), so that the worker waits for it instead of polling.
public protocol WakingTaskQueue: TaskQueue {
    /// Returns when work may have arrived (an enqueue, a rescue or a requeue, by any process),
    /// or after `timeout`, whichever is first. A wake-up is a hint: claim to find out.
    func waitForWork(upTo timeout: Duration) async throws
}
