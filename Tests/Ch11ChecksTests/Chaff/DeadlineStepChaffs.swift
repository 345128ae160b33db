import Ch11Checks
import LabKit
import Ch11StateSolution

// More buggy versions of `runWithDeadline`: what gets cancelled, when the timer fires, what the
// error carries, and the bookkeeping of a version written without exercise 2.

extension Chaff {
    static let deadlineSteps: [Chaff] = [
        Chaff(
            name: "deadline: unstructured tasks, the timer never cancelled when the work wins",
            exercises: solution { $0.runWithDeadline = { try await timerLeftSleeping(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.fast-work-completes", "ch11.deadline.work-error-passes-through"]
        ),
        // The work outlives the group that should have cancelled it, so the run hangs.
        Chaff(
            name: "deadline: the work in a Task {} of its own, never cancelled",
            exercises: solution { $0.runWithDeadline = { try await workNeverCancelled(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"],
            timeLimit: .seconds(3)
        ),
        Chaff(
            name: "deadline: deadlineExceeded carries the elapsed time, measured backwards",
            exercises: solution { $0.runWithDeadline = { try await elapsedBackwards(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"]
        ),
        Chaff(
            name: "deadline: a countdown timer one step short (fires at 4s of 5s)",
            exercises: solution { $0.runWithDeadline = { try await countdownOneShort(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.not-before-deadline"]
        ),
        // A timer that ignores the deadline never fires within the check: it hangs.
        Chaff(
            name: "deadline: the timer sleeps a fixed 30s, whatever the deadline",
            exercises: solution { $0.runWithDeadline = { try await fixedTimer(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"],
            timeLimit: .seconds(3)
        ),
        Chaff(
            name: "deadline: the task is saved failed with CancellationError, deadlineExceeded thrown only after",
            exercises: solution { $0.runWithDeadline = { try await storesCancellation(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.cancels-slow-work"]
        ),
        Chaff(
            name: "deadline: written without exercise 2, runs a completed task again",
            exercises: solution { $0.runWithDeadline = { try await deadlineByHand(.runsCompleted, taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.skips-completed"]
        ),
        Chaff(
            name: "deadline: written without exercise 2, an unknown id returns an empty result",
            exercises: solution { $0.runWithDeadline = { try await deadlineByHand(.unknownIsEmpty, taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.unknown-task"]
        ),
        Chaff(
            name: "deadline: written without exercise 2, attempts = 1 instead of + 1",
            exercises: solution { $0.runWithDeadline = { try await deadlineByHand(.attemptsSetToOne, taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } },
            caughtBy: ["ch11.deadline.reruns-failed"]
        ),
    ]
}

private func timerLeftSleeping(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        let running = Task { try await work(task) }
        // Cancels the work at the deadline; nothing cancels it when the work wins.
        _ = Task {
            try await clock.sleep(for: deadline)
            running.cancel()
        }
        do {
            return try await running.value
        } catch is CancellationError {
            throw LabError.deadlineExceeded(deadline)
        }
    }
}

private func workNeverCancelled(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            // The inner task is not a child of the group: cancelAll() does not reach it.
            group.addTask { try await Task { try await work(task) }.value }
            group.addTask {
                try await clock.sleep(for: deadline)
                throw LabError.deadlineExceeded(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

private func elapsedBackwards(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                let start = clock.now
                try await clock.sleep(for: deadline)
                throw LabError.deadlineExceeded(clock.now.duration(to: start))
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

private func countdownOneShort(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                for _ in 1..<deadline.components.seconds {
                    try await clock.sleep(for: .seconds(1))
                }
                throw LabError.deadlineExceeded(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

private func fixedTimer(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                try await clock.sleep(for: .seconds(30))
                throw LabError.deadlineExceeded(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

private func storesCancellation(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    do {
        return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
            try await withThrowingTaskGroup(of: String?.self) { group in
                group.addTask { try await work(task) }
                group.addTask {
                    try await clock.sleep(for: deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else { throw CancellationError() }
                return result
            }
        }
    } catch is CancellationError {
        throw LabError.deadlineExceeded(deadline)
    }
}

private enum HandSlip {
    case runsCompleted, unknownIsEmpty, attemptsSetToOne
}

/// `runWithDeadline` written out in full, without `executeTaskIfNotDone`, with one slip.
private func deadlineByHand(
    _ slip: HandSlip, taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else {
        if slip == .unknownIsEmpty { return "" }
        throw LabError.taskNotFound(id: taskID)
    }
    if task.state == .completed, slip != .runsCompleted { return task.result ?? "" }
    task.state = .running
    task.attempts = slip == .attemptsSetToOne ? 1 : task.attempts + 1
    task.error = nil
    task.updatedAt = now()
    try await store.save(task)
    let running = task
    do {
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
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}
