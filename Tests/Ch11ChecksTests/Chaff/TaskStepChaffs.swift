import Foundation
import Ch11Checks
import LabKit

// More buggy versions of `executeTaskIfNotDone`, each the reference with one step done wrong:
// which states run, and what each save stamps.

extension Chaff {
    static let taskSteps: [Chaff] = [
        Chaff(
            name: "task: one now() for every save (the end keeps the start's updatedAt)",
            exercises: steps(TaskSteps(complete: { task, result, _ in
                task.state = .completed
                task.result = result
            }, fail: { task, error, _ in
                task.state = .failed
                task.error = "\(error)"
            })),
            caughtBy: ["ch11.idempotency.completed-after-work", "ch11.idempotency.failure-recorded"]
        ),
        Chaff(
            name: "task: forgets to stamp updatedAt on the running save",
            exercises: steps(TaskSteps(start: { task, _ in
                task.state = .running
                task.attempts += 1
                task.error = nil
            })),
            caughtBy: ["ch11.idempotency.running-before-work", "ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: restamps createdAt when the task starts",
            exercises: steps(TaskSteps(start: { task, now in
                task.state = .running
                task.attempts += 1
                task.error = nil
                task.createdAt = now()
                task.updatedAt = task.createdAt
            })),
            caughtBy: ["ch11.idempotency.running-before-work", "ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: counts the attempt twice (on start and on completion)",
            exercises: steps(TaskSteps(complete: { task, result, now in
                task.state = .completed
                task.result = result
                task.attempts += 1
                task.updatedAt = now()
            })),
            caughtBy: ["ch11.idempotency.completed-after-work"]
        ),
        Chaff(
            name: "task: keeps the old error when a failed task runs again",
            exercises: steps(TaskSteps(start: { task, now in
                task.state = .running
                task.attempts += 1
                task.updatedAt = now()
            })),
            caughtBy: ["ch11.idempotency.reruns-failed"]
        ),
        Chaff(
            name: "task: attempts = 1 instead of attempts + 1",
            exercises: steps(TaskSteps(start: { task, now in
                task.state = .running
                task.attempts = 1
                task.error = nil
                task.updatedAt = now()
            })),
            caughtBy: ["ch11.idempotency.reruns-failed", "ch11.idempotency.reruns-running"]
        ),
        Chaff(
            name: "task: only a pending task runs; a running or failed one returns its stored result",
            exercises: steps(TaskSteps(skip: { $0.state != .pending })),
            caughtBy: ["ch11.idempotency.reruns-failed", "ch11.idempotency.reruns-running"]
        ),
        Chaff(
            name: "task: stores the error's type name instead of \"\\(error)\"",
            exercises: steps(TaskSteps(fail: { task, error, now in
                task.state = .failed
                task.error = "\(type(of: error))"
                task.updatedAt = now()
            })),
            caughtBy: ["ch11.idempotency.failure-recorded", "ch11.idempotency.restart-sees-state"]
        ),
    ]

    /// The reference solution with `executeTaskIfNotDone` done by `steps`.
    static func steps(_ steps: TaskSteps) -> Ch11Exercises {
        solution { $0.executeTaskIfNotDone = { try await steps.run(taskID: $0, store: $1, now: $2, work: $3) } }
    }
}

/// `executeTaskIfNotDone` as the reference does it, step by step, so that a chaff can replace
/// one step with a mistake.
struct TaskSteps: Sendable {
    /// Whether a stored task returns its result without running.
    var skip: @Sendable (AgentTask) -> Bool = { $0.state == .completed }
    /// Turns the stored task into the version saved before the work.
    var start: @Sendable (inout AgentTask, Now) -> Void = { task, now in
        task.state = .running
        task.attempts += 1
        task.error = nil
        task.updatedAt = now()
    }
    /// Turns the running version into the one saved after the work returned.
    var complete: @Sendable (inout AgentTask, String, Now) -> Void = { task, result, now in
        task.state = .completed
        task.result = result
        task.updatedAt = now()
    }
    /// Turns the running version into the one saved after the work threw.
    var fail: @Sendable (inout AgentTask, any Error, Now) -> Void = { task, error, now in
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
    }

    func run(
        taskID: String, store: some StateStore, now: @escaping Now, work: @Sendable (AgentTask) async throws -> String
    ) async throws -> String {
        guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
        if skip(task) { return task.result ?? "" }
        start(&task, now)
        try await store.save(task)
        do {
            let result = try await work(task)
            complete(&task, result, now)
            try await store.save(task)
            return result
        } catch {
            fail(&task, error, now)
            try await store.save(task)
            throw error
        }
    }
}
