import Ch11Checks
import LabKit
import Ch11StateSolution

// Buggy versions of `runWithDeadline`, each written the way a student might write it.

extension Chaff {
    static let deadline: [Chaff] = [
        // Waiting for the timer makes the check hang until its real-time limit: a timeout is how
        // this bug is caught, so the limit is lowered to keep the test fast.
        Chaff(
            name: "deadline: waits for both the work and the timer",
            exercises: solution { $0.runWithDeadline = { try await waitsForBoth(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.fast-work-completes", "ch11.deadline.reruns-failed"],
            timeLimit: .seconds(3)
        ),
        Chaff(
            name: "deadline: a timer in a Task {} that throws into nowhere",
            exercises: solution { $0.runWithDeadline = { try await timerInUnstructuredTask(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"],
            timeLimit: .seconds(3)
        ),
        Chaff(
            name: "deadline: reports every error as deadlineExceeded",
            exercises: solution { $0.runWithDeadline = { try await everyErrorIsADeadline(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.work-error-passes-through"]
        ),
        Chaff(
            name: "deadline: does not save the task failed",
            exercises: solution { $0.runWithDeadline = { try await leavesTaskRunning(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"]
        ),
    ]
}

private func waitsForBoth(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                try await clock.sleep(for: deadline)
                throw LabError.deadlineExceeded(deadline)
            }
            var result: String?
            for try await value in group where result == nil {
                result = value
            }
            return result ?? ""
        }
    }
}

private func timerInUnstructuredTask(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        // The timer's error goes nowhere: nothing awaits this task, and it cancels nothing.
        let timer = Task {
            try await clock.sleep(for: deadline)
            throw LabError.deadlineExceeded(deadline)
        }
        defer { timer.cancel() }
        return try await work(task)
    }
}

private func leavesTaskRunning(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    let running = task
    let result = try await withThrowingTaskGroup(of: String.self) { group in
        group.addTask { try await work(running) }
        group.addTask {
            try await clock.sleep(for: deadline)
            throw LabError.deadlineExceeded(deadline)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
    task.state = .completed
    task.result = result
    task.updatedAt = now()
    try await store.save(task)
    return result
}

private func everyErrorIsADeadline(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        do {
            return try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await work(task) }
                group.addTask {
                    try await clock.sleep(for: deadline)
                    return ""
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), !first.isEmpty else {
                    throw LabError.deadlineExceeded(deadline)
                }
                return first
            }
        } catch {
            throw LabError.deadlineExceeded(deadline)
        }
    }
}
