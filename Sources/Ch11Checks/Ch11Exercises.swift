import Foundation
import LabKit

/// Chapter 11's exercises as values, so that one check suite can run against any implementation.
///
/// The labs module, the solutions module and the kit's own buggy and alternative versions each
/// provide one. Students never build this type: their module's `Exercises.swift` does it for them.
public struct Ch11Exercises: Sendable {
    /// `executeWithRetry(maxAttempts:clock:operation:)`, used with `String` results.
    public typealias Retry = @Sendable (
        _ maxAttempts: Int,
        _ clock: any Clock<Duration>,
        _ operation: @Sendable () async throws -> String
    ) async throws -> String

    /// `executeTaskIfNotDone(taskID:store:now:work:)` and `resumeTask(taskID:store:now:work:)`.
    public typealias TaskRun = @Sendable (
        _ taskID: String,
        _ store: any StateStore,
        _ now: @escaping Now,
        _ work: @Sendable (AgentTask) async throws -> String
    ) async throws -> String

    /// `runWithDeadline(taskID:deadline:clock:store:now:work:)`.
    public typealias DeadlineRun = @Sendable (
        _ taskID: String,
        _ deadline: Duration,
        _ clock: any Clock<Duration>,
        _ store: any StateStore,
        _ now: @escaping Now,
        _ work: @escaping @Sendable (AgentTask) async throws -> String
    ) async throws -> String

    /// `saveTasks(_:to:)`.
    public typealias Save = @Sendable (_ tasks: [AgentTask], _ file: URL) throws -> Void

    /// `loadTasks(from:)`.
    public typealias Load = @Sendable (_ file: URL) throws -> [AgentTask]

    public var executeWithRetry: Retry
    public var executeTaskIfNotDone: TaskRun
    public var resumeTask: TaskRun
    public var runWithDeadline: DeadlineRun
    public var saveTasks: Save
    public var loadTasks: Load

    public init(
        executeWithRetry: @escaping Retry,
        executeTaskIfNotDone: @escaping TaskRun,
        resumeTask: @escaping TaskRun,
        runWithDeadline: @escaping DeadlineRun,
        saveTasks: @escaping Save,
        loadTasks: @escaping Load
    ) {
        self.executeWithRetry = executeWithRetry
        self.executeTaskIfNotDone = executeTaskIfNotDone
        self.resumeTask = resumeTask
        self.runWithDeadline = runWithDeadline
        self.saveTasks = saveTasks
        self.loadTasks = loadTasks
    }
}
