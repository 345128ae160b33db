import Foundation
import Ch11Checks
import LabKit
import Ch11StateSolution
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// More correct implementations that take an unusual road: each must pass every check.

extension Wheat {
    static let more: [Wheat] = [
        Wheat(
            name: "deadline: a countdown timer that sleeps in 1s steps",
            exercises: Chaff.solution { $0.runWithDeadline = { try await countdownDeadline(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } }
        ),
        Wheat(
            name: "deadline: withTaskGroup (not throwing) of Result outcomes",
            exercises: Chaff.solution { $0.runWithDeadline = { try await resultRace(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } }
        ),
        Wheat(
            name: "deadline: two unstructured tasks, each cancelled when the other wins",
            exercises: Chaff.solution { $0.runWithDeadline = { try await unstructuredRace(taskID: $0, deadline: $1, clock: $2, store: $3, now: $4, work: $5) } }
        ),
        Wheat(
            name: "save: keeps a backup of the previous tasks.json beside it",
            exercises: Chaff.solution { $0.saveTasks = { try backupKeepingSave($0, to: $1) } }
        ),
        Wheat(
            name: "save and load: POSIX open, write, fsync, rename; dates as milliseconds since 1970",
            exercises: Chaff.solution {
                $0.saveTasks = { try posixSave($0, to: $1) }
                $0.loadTasks = { try millisecondsLoad(from: $0) }
            }
        ),
        Wheat(
            name: "resume: the pending save clears the old error (the contract leaves it open)",
            exercises: Chaff.solution { $0.resumeTask = { taskID, store, now, work in
                if var task = try await store.task(id: taskID), task.state == .failed {
                    task.state = .pending
                    task.error = nil
                    task.updatedAt = now()
                    try await store.save(task)
                }
                return try await resumeTask(taskID: taskID, store: store, now: now, work: work)
            } }
        ),
        Wheat(
            name: "task: hands the work the task as loaded, and calls now() once more than it saves",
            exercises: Chaff.solution { $0.executeTaskIfNotDone = { try await looseExecute(taskID: $0, store: $1, now: $2, work: $3) } }
        ),
        Wheat(
            name: "resume: written out in full instead of reusing exercise 2",
            exercises: Chaff.solution { $0.resumeTask = { try await resumeByHand(taskID: $0, store: $1, now: $2, work: $3) } }
        ),
    ]
}

/// A timer that counts the deadline down in steps of at most a second, as one that prints a
/// countdown would.
func countdownDeadline(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await work(task) }
            group.addTask {
                var remaining = deadline
                while remaining > .zero {
                    let step = min(remaining, .seconds(1))
                    try await clock.sleep(for: step)
                    remaining -= step
                }
                throw LabError.deadlineExceeded(deadline)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }
}

/// Children that never throw: each returns a `Result`, `nil` standing for the timer.
func resultRace(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        let first = await withTaskGroup(of: Result<String, any Error>?.self) { group in
            group.addTask { await Result { try await work(task) } }
            group.addTask {
                do {
                    try await clock.sleep(for: deadline)
                    return nil
                } catch {
                    return .failure(error)
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let first else { throw LabError.deadlineExceeded(deadline) }
        return try first.get()
    }
}

extension Result where Failure == any Error {
    /// The outcome of an asynchronous throwing body.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}

/// The work and the timer as tasks of their own: the timer cancels the work when it fires, and
/// is cancelled (and awaited) when the work ends first.
func unstructuredRace(
    taskID: String, deadline: Duration, clock: some Clock<Duration>, store: some StateStore, now: Now,
    work: @escaping @Sendable (AgentTask) async throws -> String
) async throws -> String {
    try await executeTaskIfNotDone(taskID: taskID, store: store, now: now) { task in
        let running = Task { try await work(task) }
        let timer = Task {
            try await clock.sleep(for: deadline)
            running.cancel()
        }
        let outcome = await withTaskCancellationHandler {
            await running.result
        } onCancel: {
            running.cancel()
            timer.cancel()
        }
        timer.cancel()
        let timerFired = (try? await timer.value) != nil
        if timerFired, case .failure = outcome { throw LabError.deadlineExceeded(deadline) }
        return try outcome.get()
    }
}

/// The reference's atomic save, after copying the current tasks.json to tasks.json.bak.
func backupKeepingSave(_ tasks: [AgentTask], to file: URL) throws {
    let backup = file.appendingPathExtension("bak")
    if FileManager.default.fileExists(atPath: file.path) {
        try? FileManager.default.removeItem(at: backup)
        try FileManager.default.copyItem(at: file, to: backup)
    }
    try saveTasks(tasks, to: file)
}

/// The recipe in system calls: a temporary file made with `O_EXCL` beside the target, written,
/// `fsync`ed, closed, then `rename`d over it.
func posixSave(_ tasks: [AgentTask], to file: URL) throws {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .millisecondsSince1970
    let data = try encoder.encode(tasks)
    let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).new").path
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o644)
    guard fd >= 0 else { throw StoreError.io(path: temporary, reason: String(cString: strerror(errno))) }
    let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    let synced = fsync(fd) == 0
    close(fd)
    guard written == data.count, synced, rename(temporary, file.path) == 0 else {
        unlink(temporary)
        throw StoreError.io(path: file.path, reason: "cannot write \(temporary)")
    }
}

/// The loader for ``posixSave(_:to:)``.
func millisecondsLoad(from file: URL) throws -> [AgentTask] {
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    guard let data = FileManager.default.contents(atPath: file.path) else {
        throw StoreError.io(path: file.path, reason: "cannot read it")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .millisecondsSince1970
    do {
        return try decoder.decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}

/// Resume with every transition written out, exercise 2 not called.
func resumeByHand(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    guard var task = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    if case .completed = task.state { return task.result ?? "" }
    if case .failed = task.state {
        task.state = .pending
        task.updatedAt = now()
        try await store.save(task)
    }
    task.state = .running
    task.attempts += 1
    task.error = nil
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

/// Exercise 2 with the freedoms the contract leaves: the work gets the task as it was loaded,
/// and `now()` is read once up front (for a log line, say) besides the saves' own calls.
func looseExecute(
    taskID: String, store: some StateStore, now: Now, work: @Sendable (AgentTask) async throws -> String
) async throws -> String {
    let startedAt = now()
    guard let loaded = try await store.task(id: taskID) else { throw LabError.taskNotFound(id: taskID) }
    guard loaded.state != .completed else { return loaded.result ?? "" }
    var task = loaded
    task.state = .running
    task.attempts += 1
    task.error = nil
    task.updatedAt = max(now(), startedAt)
    try await store.save(task)
    do {
        task.result = try await work(loaded)
        task.state = .completed
    } catch {
        task.state = .failed
        task.error = "\(error)"
        task.updatedAt = now()
        try await store.save(task)
        throw error
    }
    task.updatedAt = now()
    try await store.save(task)
    return task.result ?? ""
}
