import Ch11Checks
import LabKit
import Ch11StateSolution

// More buggy versions of `resumeTask`: each starting state, and what the pending save stamps.

extension Chaff {
    static let resumeSteps: [Chaff] = [
        Chaff(
            name: "resume: a pending task returns its stored result without running",
            exercises: resuming { task, store, now in
                if task.state == .pending { return .returned(task.result ?? "") }
                return try await referencePrelude(task, store, now)
            },
            caughtBy: ["ch11.resume.pending-runs"]
        ),
        Chaff(
            name: "resume: resets attempts to 0 when it puts a failed task back",
            exercises: resuming { task, store, now in
                guard task.state == .failed else { return try await referencePrelude(task, store, now) }
                var fresh = task
                fresh.state = .pending
                fresh.attempts = 0
                fresh.updatedAt = now()
                try await store.save(fresh)
                return .run
            },
            caughtBy: ["ch11.resume.failed-runs-again"]
        ),
        Chaff(
            name: "resume: the pending save keeps the failed task's updatedAt",
            exercises: resuming { task, store, now in
                guard task.state == .failed else { return try await referencePrelude(task, store, now) }
                var pending = task
                pending.state = .pending
                try await store.save(pending)
                return .run
            },
            caughtBy: ["ch11.resume.failed-runs-again"]
        ),
        Chaff(
            name: "resume: puts a running task back to pending first",
            exercises: resuming { task, store, now in
                guard task.state == .running else { return try await referencePrelude(task, store, now) }
                var pending = task
                pending.state = .pending
                pending.updatedAt = now()
                try await store.save(pending)
                return .run
            },
            caughtBy: ["ch11.resume.running-after-crash"]
        ),
        Chaff(
            name: "resume: swallows the run's error and returns an empty result",
            exercises: solution { $0.resumeTask = { taskID, store, now, work in
                do {
                    return try await resumeTask(taskID: taskID, store: store, now: now, work: work)
                } catch LabError.taskNotFound(let id) {
                    throw LabError.taskNotFound(id: id)
                } catch {
                    return ""
                }
            } },
            caughtBy: ["ch11.resume.failure-rethrown"]
        ),
        Chaff(
            name: "resume: reimplements the run and forgets to count the attempt",
            exercises: solution { $0.resumeTask = { try await resumeByHandWithoutAttempt(taskID: $0, store: $1, now: $2, work: $3) } },
            caughtBy: ["ch11.resume.failed-runs-again", "ch11.resume.running-after-crash", "ch11.resume.pending-runs"]
        ),
    ]
}

/// What a resume decided before running: return at once, or run through exercise 2.
private enum Decision {
    case returned(String)
    case run
}

/// The reference's decision for a loaded task: completed returns, failed goes back to pending.
private func referencePrelude(_ task: AgentTask, _ store: any StateStore, _ now: Now) async throws -> Decision {
    switch task.state {
    case .completed:
        return .returned(task.result ?? "")
    case .failed:
        var pending = task
        pending.state = .pending
        pending.updatedAt = now()
        try await store.save(pending)
        return .run
    case .pending, .running:
        return .run
    }
}

/// A resume that loads the task, lets `decide` choose, then runs the reference exercise 2.
private func resuming(
    _ decide: @escaping @Sendable (AgentTask, any StateStore, @escaping Now) async throws -> Decision
) -> Ch11Exercises {
    Chaff.solution { $0.resumeTask = { taskID, store, now, work in
        guard let task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
        switch try await decide(task, store, now) {
        case .returned(let result): return result
        case .run: return try await executeTaskIfNotDone(taskID: taskID, store: store, now: now, work: work)
        }
    } }
}

private func resumeByHandWithoutAttempt(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if task.state == .completed { return task.result ?? "" }
    if task.state == .failed {
        task.state = .pending
        task.updatedAt = now()
        try await store.save(task)
    }
    task.state = .running
    task.error = nil
    task.updatedAt = now()
    try await store.save(task)
    do {
        task.result = try await work(task)
        task.state = .completed
        task.updatedAt = now()
        try await store.save(task)
        return task.result ?? ""
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
}
