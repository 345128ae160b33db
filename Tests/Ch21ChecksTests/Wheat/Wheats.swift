import Ch21Checks
import Foundation
import LabKit

// Correct implementations that take another road than the reference solution.

/// A stepper that chains each step on a task after the step before it, through the tasks
/// themselves: no lock table, no continuations.
actor ChainingStepper {
    let store: any StateStore
    private var last: [String: Task<Void, Never>] = [:]

    init(store: any StateStore) {
        self.store = store
    }

    func step(_ id: String, _ body: @escaping Ch21Exercises.StepBody) async throws -> AgentTask {
        let previous = last[id]
        let store = self.store
        let run = Task { () async throws -> AgentTask in
            await previous?.value
            guard var task = try await store.task(id: id) else { throw LabError.taskNotFound(id: id) }
            try await body(&task)
            try await store.save(task)
            return task
        }
        last[id] = Task { _ = try? await run.value }
        return try await run.value
    }
}

func tableShouldCheckpoint(_ strategy: CheckpointStrategy, _ event: CheckpointEvent) throws -> Bool {
    let table: [CheckpointStrategy: Set<CheckpointEvent>] = [
        .everyStep: Set(CheckpointEvent.allCases),
        .everyIteration: [.iteration, .stateChange],
        .onStateChange: [.stateChange],
    ]
    return table[strategy]?.contains(event) ?? false
}

func secondsValidate(_ checkpoint: Checkpoint, maxAge: Duration, resumable: Set<AgentTask.State>, now: Now) throws -> Checkpoint {
    let age = now().timeIntervalSince(checkpoint.savedAt)
    guard age <= maxAge.timeInterval else { throw CheckpointError.expired(age: .seconds(age), maxAge: maxAge) }
    if !resumable.contains(checkpoint.task.state) { throw CheckpointError.notResumable(checkpoint.task.state) }
    return checkpoint
}

func sortingRotate(_ checkpoints: [Checkpoint], keepLast: Int) throws -> CheckpointRotation {
    if keepLast < 1 { throw LabError.invalidArgument("keepLast \(keepLast)") }
    var seen: [String: Int] = [:]
    var keep = Set<Int>()
    for (index, checkpoint) in checkpoints.enumerated().sorted(by: { $0.element.sequence > $1.element.sequence }) {
        seen[checkpoint.taskID, default: 0] += 1
        if seen[checkpoint.taskID, default: 0] <= keepLast { keep.insert(index) }
    }
    var rotation = CheckpointRotation(kept: [], removed: [])
    for (index, checkpoint) in checkpoints.enumerated() {
        if keep.contains(index) { rotation.kept.append(checkpoint) } else { rotation.removed.append(checkpoint) }
    }
    return rotation
}

func reducingApply(_ patches: [StatePatch], to state: AgentState) throws -> AgentState {
    try patches.reduce(state) { state, patch in try apply(patch, to: state) }
}

private func apply(_ patch: StatePatch, to state: AgentState) throws -> AgentState {
    var next = state
    switch patch {
    case .appendFacts(let facts):
        next.knownFacts = facts.reduce(state.knownFacts) { known, fact in known.filter { $0.key != fact.key } + [fact] }
    case .replacePlan(let plan):
        next.plan = plan
    case .addOpenQuestions(let questions):
        next.openQuestions = questions.reduce(state.openQuestions) { open, question in open.contains(question) ? open : open + [question] }
    case .answerQuestion(let question):
        next.openQuestions = state.openQuestions.filter { $0 != question }
    case .addArtifacts(let artifacts):
        next.artifacts.append(contentsOf: artifacts)
    case .spend(let steps, let tokens):
        if min(steps, tokens) < 0 { throw AgentStateError.invalidPatch("negative spend") }
        let (newSteps, newTokens) = (state.budget.stepsUsed + steps, state.budget.tokensUsed + tokens)
        guard newSteps <= state.budget.maxSteps else {
            throw AgentStateError.budgetExceeded(resource: "steps", limit: state.budget.maxSteps, used: newSteps)
        }
        guard newTokens <= state.budget.maxTokens else {
            throw AgentStateError.budgetExceeded(resource: "tokens", limit: state.budget.maxTokens, used: newTokens)
        }
        next.budget.stepsUsed = newSteps
        next.budget.tokensUsed = newTokens
    }
    return next
}

func functionalSelect(_ state: AgentState, step: String, maxBytes: Int) throws -> ContextSlice {
    if maxBytes < 0 { throw LabError.invalidArgument("maxBytes \(maxBytes)") }
    var used = 0
    let artifacts = state.artifacts.filter { artifact in
        guard artifact.step == step, used + artifact.bytes <= maxBytes else { return false }
        used += artifact.bytes
        return true
    }
    let facts = Array(state.knownFacts.reversed().prefix { fact in
        guard used + fact.value.utf8.count <= maxBytes else { return false }
        used += fact.value.utf8.count
        return true
    })
    return ContextSlice(goal: state.goal, currentStep: step, artifacts: artifacts, facts: facts, openQuestions: state.openQuestions)
}

func minClaim(_ tasks: inout [QueueTask], worker: String, leaseFor: Duration, now: Date) throws -> Claim? {
    let ready = tasks.indices.filter { [.available, .retrying].contains(tasks[$0].state) && tasks[$0].runAt <= now }
    guard let index = ready.min(by: { (-tasks[$0].priority, tasks[$0].runAt, $0) < (-tasks[$1].priority, tasks[$1].runAt, $1) }) else {
        return nil
    }
    var task = tasks[index]
    task.state = .running
    task.attempts += 1
    task.leaseVersion += 1
    task.lease = Lease(taskID: task.id, worker: worker, token: task.leaseVersion, expiresAt: now.addingTimeInterval(leaseFor.timeInterval))
    tasks[index] = task
    return task.lease.map { Claim(task: task, lease: $0) }
}

func switchComplete(_ tasks: inout [QueueTask], lease: Lease, result: String, now: Date) throws -> QueueTask {
    guard let index = tasks.firstIndex(where: { $0.id == lease.taskID }) else { throw QueueError.taskNotFound(id: lease.taskID) }
    switch (tasks[index].state, tasks[index].lease) {
    case (.running, let stored?) where stored.worker == lease.worker && tasks[index].leaseVersion == lease.token && stored.expiresAt > now:
        tasks[index].state = .completed
        tasks[index].result = result
        tasks[index].finishedAt = now
        tasks[index].lease = nil
        return tasks[index]
    default:
        throw QueueError.leaseLost(taskID: lease.taskID, reason: "not the current lease")
    }
}

func mappingRescue(_ tasks: inout [QueueTask], now: Date) -> [String] {
    var rescued: [String] = []
    tasks = tasks.map { task in
        guard task.state == .running, let lease = task.lease, !(lease.expiresAt > now) else { return task }
        rescued.append(task.id)
        var copy = task
        copy.lease = nil
        if copy.attempts >= copy.maxAttempts {
            copy.state = .dead
            copy.finishedAt = now
        } else {
            copy.state = .retrying
            copy.runAt = now
        }
        return copy
    }
    return rescued
}

func doubleJitter(attempt: Int, base: Duration, cap: Duration, using generator: inout SeededGenerator) throws -> Duration {
    guard attempt > 0 else { throw LabError.invalidArgument("attempt \(attempt)") }
    let exponent = Double(min(attempt - 1, 1000))
    let ceiling = min(cap.timeInterval, base.timeInterval * pow(2, exponent))
    let fraction = Double.random(in: 0...1, using: &generator)
    return .milliseconds(Int64((ceiling * fraction * 1000).rounded(.down)))
}
