/// A ``StateStore`` that runs a step on one stored task as a transaction: the step sees the task
/// as stored, and its change is saved only if it returns.
///
/// The contract (`Sources/StateStoreContract/`, run on every store that has it):
/// - a step on an id the store does not hold throws ``LabError/taskNotFound(id:)`` and does not
///   run the body;
/// - a body that returns has its changed task saved, and that task is returned;
/// - a body that throws has its error rethrown, and the stored task is exactly as it was;
/// - two steps on one task never interleave: the second sees what the first saved (in a
///   database, the task's row is locked from the read to the commit: `SELECT … FOR UPDATE`);
/// - steps on different tasks do not wait for each other.
public protocol TransactionalStateStore: StateStore {
    /// Loads the task, runs `body` on it, and saves what `body` made of it, as one transaction.
    /// - Throws: ``LabError/taskNotFound(id:)``, the body's error, or ``StoreError``.
    @discardableResult
    func step(taskID: String, _ body: @Sendable (inout AgentTask) async throws -> Void) async throws -> AgentTask
}
