import Foundation
import Ch11Checks
import LabKit
import Ch11StateSolution

// Correct implementations that take another road than the reference solution.

/// Recursion instead of a loop: each call makes one attempt and hands the next delay down.
func recursiveRetry<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    guard maxAttempts >= 1 else { throw LabError.invalidArgument("maxAttempts must be at least 1, got \(maxAttempts)") }
    return try await attempt(1, of: maxAttempts, delay: .seconds(1), clock: clock, operation: operation)
}

private func attempt<T: Sendable>(
    _ number: Int, of total: Int, delay: Duration, clock: some Clock<Duration>,
    operation: @Sendable () async throws -> T
) async throws -> T {
    do {
        return try await operation()
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        guard number < total else { throw LabError.retriesExhausted(attempts: number, lastError: error) }
        try await clock.sleep(for: delay)
        return try await attempt(number + 1, of: total, delay: delay * 2, clock: clock, operation: operation)
    }
}

/// A counted loop; the delay is computed from the attempt number rather than carried along.
/// An empty range (`maxAttempts < 1`) falls through to the argument error.
func strideRetry<T: Sendable>(
    maxAttempts: Int, clock: some Clock<Duration>, operation: @Sendable () async throws -> T
) async throws -> T {
    for attempt in stride(from: 1, through: maxAttempts, by: 1) {
        do {
            return try await operation()
        } catch {
            guard attempt < maxAttempts else { throw LabError.retriesExhausted(attempts: attempt, lastError: error) }
            try await clock.sleep(for: .seconds(1 << (attempt - 1)))
        }
    }
    throw LabError.invalidArgument("maxAttempts must be at least 1, got \(maxAttempts)")
}

/// A `switch` over the stored state, and one helper that stamps and saves each transition.
func switchingExecute(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard let stored = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    switch stored.state {
    case .completed:
        return stored.result ?? ""
    case .pending, .running, .failed:
        let running = try await record(stored, in: store, now: now) {
            $0.state = .running
            $0.attempts += 1
            $0.error = nil
        }
        let result: String
        do {
            result = try await work(running)
        } catch {
            _ = try await record(running, in: store, now: now) {
                $0.state = .failed
                $0.error = "\(error)"
            }
            throw error
        }
        _ = try await record(running, in: store, now: now) {
            $0.state = .completed
            $0.result = result
        }
        return result
    }
}

/// Applies `change` to a copy of `task`, stamps it, saves it and returns it.
private func record(
    _ task: AgentTask, in store: some StateStore, now: Now, _ change: (inout AgentTask) -> Void
) async throws -> AgentTask {
    var updated = task
    change(&updated)
    updated.updatedAt = now()
    try await store.save(updated)
    return updated
}

/// How a deadline race ended.
private enum RaceOutcome: Sendable {
    case finished(String)
    case timedOut
}

/// Both children return an outcome; the timer reports instead of throwing, and the caller
/// decides what a timeout means.
func outcomeRace(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        let outcome = try await withThrowingTaskGroup(of: RaceOutcome.self) { group in
            group.addTask { .finished(try await work(task)) }
            group.addTask {
                try await clock.sleep(for: deadline)
                return .timedOut
            }
            let first = try await group.next()
            group.cancelAll()
            return first ?? .timedOut
        }
        switch outcome {
        case .finished(let result): return result
        case .timedOut: throw LabError.deadlineExceeded(deadline)
        }
    }
}

/// Foundation's own temporary-file-and-rename, with JSONEncoder's default dates (a `Double`
/// that reads back exactly).
func foundationAtomicSave(_ tasks: [AgentTask], to file: URL) throws {
    let data = try JSONEncoder().encode(tasks)
    do {
        try data.write(to: file, options: .atomic)
    } catch {
        throw StoreError.io(path: file.path, reason: "\(error)")
    }
}

/// The loader for ``foundationAtomicSave(_:to:)``: JSONDecoder's default dates, and a missing
/// file told apart by the error reading it throws rather than by looking first.
func defaultDatesLoad(from file: URL) throws -> [AgentTask] {
    let data: Data
    do {
        data = try Data(contentsOf: file)
    } catch CocoaError.fileReadNoSuchFile {
        return []
    } catch {
        throw StoreError.io(path: file.path, reason: "\(error)")
    }
    do {
        return try JSONDecoder().decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}
