import Ch11Checks
import LabKit
import Ch11StateSolution

// Buggy versions of `resumeTask`, each written the way a student might write it. They build on
// the reference `executeTaskIfNotDone`, as a student's resume builds on their own exercise 2.

extension Chaff {
    static let resume: [Chaff] = [
        Chaff(
            name: "resume: returns nothing for an unknown id",
            exercises: solution { $0.resumeTask = { try await unknownIsEmpty(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.unknown-task"]
        ),
        Chaff(
            name: "resume: leaves failed tasks failed",
            exercises: solution { $0.resumeTask = { try await ignoresFailed(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.failed-runs-again"]
        ),
        Chaff(
            name: "resume: reruns a failed task without saving it pending",
            exercises: solution { $0.resumeTask = { try await skipsPending(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.failed-runs-again"]
        ),
        Chaff(
            name: "resume: resets every task to pending, completed ones too",
            exercises: solution { $0.resumeTask = { try await resetsEverything(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.completed-untouched", "ch11.resume.after-crash"]
        ),
        Chaff(
            name: "resume: takes a running task for one still in progress",
            exercises: solution { $0.resumeTask = { try await leavesRunning(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.running-after-crash", "ch11.resume.after-crash"]
        ),
    ]
}

private func unknownIsEmpty(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { return "" }
    switch task.state {
    case .completed:
        return task.result ?? ""
    case .failed:
        task.state = .pending
        task.updatedAt = now()
        try await store.save(task)
    case .pending, .running:
        break
    }
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}

private func ignoresFailed(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard let task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    // Finished is finished, one way or the other.
    if task.state == .completed || task.state == .failed {
        return task.result ?? task.error ?? ""
    }
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}

private func skipsPending(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard try await store.task(id: taskID) != nil else { throw LabError.taskNotFound(id: taskID) }
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}

private func resetsEverything(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    task.state = .pending
    task.updatedAt = now()
    try await store.save(task)
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}

private func leavesRunning(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    switch task.state {
    case .completed, .running:
        return task.result ?? ""
    case .failed:
        task.state = .pending
        task.updatedAt = now()
        try await store.save(task)
    case .pending:
        break
    }
    return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
}
