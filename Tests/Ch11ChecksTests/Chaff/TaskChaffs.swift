import Foundation
import Ch11Checks
import LabKit

// Buggy versions of `executeTaskIfNotDone`, each written the way a student might write it.

extension Chaff {
    static let tasks: [Chaff] = [
        Chaff(
            name: "task: runs a completed task again",
            exercises: solution { $0.executeTaskIfNotDone = { try await runsCompletedAgain(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.skips-completed", "ch11.idempotency.second-call-noop"]
        ),
        Chaff(
            name: "task: saves completed before the work runs",
            exercises: solution { $0.executeTaskIfNotDone = { try await completedBeforeWork(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.running-before-work", "ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: never saves running",
            exercises: solution { $0.executeTaskIfNotDone = { try await neverSavesRunning(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.running-before-work", "ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: records the failure but does not rethrow it",
            exercises: solution { $0.executeTaskIfNotDone = { try await swallowsWorkError(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.failure-recorded"]
        ),
        Chaff(
            name: "task: does not count attempts",
            exercises: solution { $0.executeTaskIfNotDone = { try await countsNoAttempts(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: counts the attempt only when the work ends",
            exercises: solution { $0.executeTaskIfNotDone = { try await countsAttemptLate(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.running-before-work"]
        ),
        Chaff(
            name: "task: stores error.localizedDescription",
            exercises: solution { $0.executeTaskIfNotDone = { try await storesLocalizedDescription(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.failure-recorded", "ch11.idempotency.restart-sees-state"]
        ),
        Chaff(
            name: "task: creates a task for an unknown id",
            exercises: solution { $0.executeTaskIfNotDone = { try await createsUnknownTask(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.idempotency.unknown-task"]
        ),
    ]
}

private func runsCompletedAgain(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func completedBeforeWork(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    // Mark it done first, so that a second call never repeats the work.
    task.state = .completed
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func neverSavesRunning(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.attempts += 1
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func swallowsWorkError(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    do {
        task.result = try await work(task)
        task.state = .completed
    } catch {
        task.state = .failed
        task.error = "\(error)"
    }
    task.updatedAt = now()
    try await store.save(task)
    return task.result ?? ""
}

private func countsNoAttempts(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func countsAttemptLate(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.attempts += 1
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.attempts += 1
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func storesLocalizedDescription(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = error.localizedDescription
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}

private func createsUnknownTask(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    var task = try await store.task(id: taskID) ?? AgentTask(id: taskID, input: "", createdAt: now())
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    do {
        let result = try await work(task)
        task.state = .completed
        task.result = result
        task.updatedAt = now()
        try await store.save(task)
        return result
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}
