import Ch21Checks
import LabKit

// Buggy transactional steps, each the mistake a student might make.

extension Chaff {
    static let step: [Chaff] = [
        stepper("step: an actor with no lock (steps interleave at the await)", .init(lock: .none),
                caughtBy: ["ch21.step.same-task-in-turn"]),
        stepper("step: one lock for the whole stepper", .init(lock: .global),
                caughtBy: ["ch21.step.other-tasks-run"], timeLimit: .milliseconds(300)),
        stepper("step: saves the task before running the body", .init(saveBeforeBody: true),
                caughtBy: ["ch21.step.failure-changes-nothing", "ch21.step.saves-changes"]),
        stepper("step: saves in a defer, also when the body throws", .init(saveInDefer: true),
                caughtBy: ["ch21.step.failure-changes-nothing"]),
        stepper("step: the lock stays held when the body throws", .init(unlockOnError: false),
                caughtBy: ["ch21.step.failure-unlocks"], timeLimit: .milliseconds(300)),
        stepper("step: returns the task as it was loaded", .init(returnLoaded: true),
                caughtBy: ["ch21.step.saves-changes"]),
        stepper("step: an unknown task runs the body on a new task", .init(createUnknown: true),
                caughtBy: ["ch21.step.unknown-task"]),
        stepper("step: swallows the body's error and returns the stored task", .init(swallowError: true),
                caughtBy: ["ch21.step.failure-changes-nothing"]),
    ]

    static func stepper(_ name: String, _ bugs: StepBugs, caughtBy: [String], timeLimit: Duration? = nil) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { exercises in
                exercises.makeStepper = { store in
                    let stepper = BuggyStepper(store: store, bugs: bugs)
                    return { id, body in try await stepper.step(id, body) }
                }
            },
            caughtBy: caughtBy,
            timeLimit: timeLimit
        )
    }
}

struct StepBugs: Sendable {
    enum Lock: Sendable { case none, global, perTask }
    var lock: Lock = .perTask
    var saveBeforeBody = false
    var saveInDefer = false
    var unlockOnError = true
    var returnLoaded = false
    var createUnknown = false
    var swallowError = false
}

/// A stepper with one switchable mistake.
actor BuggyStepper {
    let store: any StateStore
    let bugs: StepBugs
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(store: any StateStore, bugs: StepBugs) {
        self.store = store
        self.bugs = bugs
    }

    func step(_ id: String, _ body: Ch21Exercises.StepBody) async throws -> AgentTask {
        let key = bugs.lock == .global ? "*" : id
        if bugs.lock != .none { await lock(key) }
        var failed = false
        defer { if bugs.lock != .none && (!failed || bugs.unlockOnError) { unlock(key) } }
        var task: AgentTask
        if let stored = try await store.task(id: id) {
            task = stored
        } else if bugs.createUnknown {
            task = AgentTask(id: id, input: "", createdAt: .distantPast)
        } else {
            throw LabError.taskNotFound(id: id)
        }
        let loaded = task
        if bugs.saveBeforeBody {
            var marked = task
            marked.state = .running
            try await store.save(marked)
        }
        do {
            if bugs.saveInDefer {
                do {
                    try await body(&task)
                } catch {
                    try await store.save(task)
                    throw error
                }
            } else {
                try await body(&task)
            }
        } catch {
            failed = true
            if bugs.swallowError { return loaded }
            throw error
        }
        try await store.save(task)
        return bugs.returnLoaded ? loaded : task
    }

    private func lock(_ id: String) async {
        guard held.contains(id) else {
            held.insert(id)
            return
        }
        await withCheckedContinuation { waiting[id, default: []].append($0) }
    }

    private func unlock(_ id: String) {
        if var queue = waiting[id], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[id] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            held.remove(id)
        }
    }
}
