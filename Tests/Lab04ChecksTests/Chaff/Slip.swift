import Foundation
import Lab04Checks
import LabKit
import Synchronization

/// One realistic mistake in an agent loop, as a student might make it.
enum Slip: Sendable {
    // The loop itself.
    case forgetsAssistantMessage, firstCallIDForEveryResult, firstCallOnly, toolErrorThrows, unknownToolThrows
    case noStepLimit, oneStepTooMany, transcriptWithoutAnswer, emptyAnswerAccepted, noToolsOffered
    case resultsAsUserMessages, stopsAfterFirstRound, modelErrorAsAnswer
    // The budget.
    case fixedStepLimit, wallTimePerStep, wallTimeOfModelOnly, completionTokensOnly, lastAnswerTokensOnly
    case tokensAtLimitAreOver, actsBeforeCountingTokens, ownClock
    // Persistence.
    case savesRunningAfterFirstAnswer, noSystemPrompt, neverSavesCompleted, errorSavedAsCompleted
    case checkpointsBeforeResults, checkpointsOncePerTurn, noCheckpointBeforeCalls
    // Resume.
    case unknownTaskStartsOver, completedRunsAgain, replaysSavedCalls, ignoresCheckpoint
    case skipsUnansweredCall, unansweredResultNotSaved, attemptsNotCounted, missingCheckpointThrows
}

/// An agent loop written plainly, as a student would, that makes one ``Slip`` (or none).
struct SlippingAgent: Sendable {
    let slip: Slip?

    func has(_ candidate: Slip) -> Bool { slip == candidate }

    func loop(_ messages: [ChatMessage], _ agent: Agent, _ clock: any Clock<Duration>,
              checkpoint: @Sendable ([ChatMessage]) async throws -> Void = { _ in }) async throws -> AgentRun {
        try await run(messages, agent, clock, checkpoint)
    }

    private func run<C: Clock<Duration>>(_ start: [ChatMessage], _ agent: Agent, _ clock: C,
                                         _ checkpoint: @Sendable ([ChatMessage]) async throws -> Void) async throws -> AgentRun {
        var messages = start
        let budget = agent.budget
        let maxSteps = has(.fixedStepLimit) ? 20 : budget.maxSteps
        let began = clock.now
        var stepStarted = clock.now
        var modelTime = Duration.zero
        var tokens = 0
        var steps = 0
        while true {
            if !has(.noStepLimit) {
                let limit = has(.oneStepTooMany) ? maxSteps + 1 : maxSteps
                if steps >= limit { throw AgentError.stepLimitReached(maxSteps: maxSteps) }
            }
            let elapsed = has(.wallTimePerStep) ? stepStarted.duration(to: clock.now)
                : has(.wallTimeOfModelOnly) ? modelTime : began.duration(to: clock.now)
            if elapsed >= budget.maxWallTime { throw AgentError.wallTimeExceeded(limit: budget.maxWallTime) }
            stepStarted = clock.now
            let tools = has(.noToolsOffered) ? nil : agent.tools.definitions
            let before = clock.now
            let response: ChatCompletionResponse
            do {
                response = try await agent.model.complete(ChatCompletionRequest(model: "", messages: messages, tools: tools))
            } catch where has(.modelErrorAsAnswer) {
                return AgentRun(answer: "The model failed: \(error)", messages: messages)
            }
            modelTime += before.duration(to: clock.now)
            steps += 1
            let used = has(.completionTokensOnly) ? response.usage?.completionTokens ?? 0 : response.usage?.totalTokens ?? 0
            tokens = has(.lastAnswerTokensOnly) ? used : tokens + used
            let over = has(.tokensAtLimitAreOver) ? tokens >= budget.maxTokens : tokens > budget.maxTokens
            if over && !has(.actsBeforeCountingTokens) { throw AgentError.tokenBudgetExceeded(used: tokens, limit: budget.maxTokens) }
            guard let reply = response.message else { throw AgentError.emptyAnswer }
            let calls = reply.toolCalls ?? []
            if calls.isEmpty {
                if reply.content == nil && !has(.emptyAnswerAccepted) { throw AgentError.emptyAnswer }
                messages.append(reply)
                let transcript = has(.transcriptWithoutAnswer) ? Array(messages.dropLast()) : messages
                return AgentRun(answer: reply.content ?? "", messages: transcript)
            }
            if !has(.forgetsAssistantMessage) { messages.append(reply) }
            if !has(.noCheckpointBeforeCalls) && !has(.checkpointsOncePerTurn) { try await checkpoint(messages) }
            for call in has(.firstCallOnly) ? Array(calls.prefix(1)) : calls {
                let id = has(.firstCallIDForEveryResult) ? calls[0].id : call.id
                let output = try await execute(call, agent.tools)
                if has(.checkpointsBeforeResults) { try await checkpoint(messages) }
                messages.append(has(.resultsAsUserMessages) ? .user(output) : .tool(output, callID: id))
                if !has(.checkpointsBeforeResults) && !has(.checkpointsOncePerTurn) { try await checkpoint(messages) }
            }
            if has(.checkpointsOncePerTurn) { try await checkpoint(messages) }
            if over { throw AgentError.tokenBudgetExceeded(used: tokens, limit: budget.maxTokens) }
            if has(.stopsAfterFirstRound) { return AgentRun(answer: "", messages: messages) }
        }
    }

    func execute(_ call: ToolCall, _ tools: ToolRegistry) async throws -> String {
        guard let tool = tools.tool(named: call.function.name) else {
            let error = ToolError.unknownTool(name: call.function.name, available: tools.names)
            if has(.unknownToolThrows) { throw error }
            return "error: \(error)"
        }
        do {
            return try await tool.run(call)
        } catch {
            if has(.toolErrorThrows) { throw error }
            return "error: \(error)"
        }
    }

    func runTask(_ id: String, _ input: String, _ agent: Agent, _ clock: any Clock<Duration>,
                 _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now) async throws -> String {
        var task = AgentTask(id: id, input: input, state: .running, attempts: 1, createdAt: now())
        var observed = agent
        if has(.savesRunningAfterFirstAnswer) {
            let running = task
            let saved = SaveOnce { try await store.save(running) }
            observed.model = AfterFirstAnswer(base: agent.model, action: saved)
        } else {
            try await store.save(task)
        }
        let start: [ChatMessage] = has(.noSystemPrompt) ? [.user(input)] : [.system(agent.systemPrompt), .user(input)]
        return try await finish(&task, store, now) {
            try await loop(start, observed, clock) { try await checkpoints.saveConversation($0, taskID: id) }
        }
    }

    func finish(_ task: inout AgentTask, _ store: any StateStore, _ now: Now, _ body: () async throws -> AgentRun) async throws -> String {
        do {
            let run = try await body()
            if !has(.neverSavesCompleted) {
                task.state = .completed
                task.result = run.answer
                task.error = nil
                task.updatedAt = now()
                try await store.save(task)
            }
            return run.answer
        } catch {
            task.state = has(.errorSavedAsCompleted) ? .completed : .failed
            task.error = "\(error)"
            task.updatedAt = now()
            try await store.save(task)
            throw error
        }
    }

    func resumeTask(_ id: String, _ agent: Agent, _ clock: any Clock<Duration>,
                    _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now) async throws -> String {
        guard var task = try await store.task(id: id) else {
            if has(.unknownTaskStartsOver) { return try await runTask(id, "", agent, clock, store, checkpoints, now) }
            throw LabError.taskNotFound(id: id)
        }
        if task.state == .completed && !has(.completedRunsAgain) { return task.result ?? "" }
        task.state = .running
        if !has(.attemptsNotCounted) { task.attempts += 1 }
        task.updatedAt = now()
        try await store.save(task)
        var messages = [ChatMessage.system(agent.systemPrompt), .user(task.input)]
        if !has(.ignoresCheckpoint) {
            if let saved = try await checkpoints.conversation(taskID: id) {
                messages = saved
            } else if has(.missingCheckpointThrows) {
                throw StoreError.io(path: id, reason: "no checkpoint")
            }
        }
        if has(.replaysSavedCalls) {
            for call in messages.flatMap({ $0.toolCalls ?? [] }) { _ = try await execute(call, agent.tools) }
        } else if !has(.skipsUnansweredCall), let index = messages.lastIndex(where: { $0.role == .assistant }) {
            let answered = Set(messages[(index + 1)...].compactMap(\.toolCallID))
            for call in messages[index].toolCalls ?? [] where !answered.contains(call.id) {
                messages.append(.tool(try await execute(call, agent.tools), callID: call.id))
                if !has(.unansweredResultNotSaved) { try await checkpoints.saveConversation(messages, taskID: id) }
            }
        }
        let resumed = messages
        return try await finish(&task, store, now) {
            try await loop(resumed, agent, clock) { try await checkpoints.saveConversation($0, taskID: id) }
        }
    }

    /// The reference solution with this agent's loop, budget, persistence and resume in place.
    var exercises: Lab04Exercises {
        Lab04Exercises(
            runAgentLoop: { messages, model, tools, maxSteps in
                let steps = AgentBudget(maxSteps: maxSteps, maxWallTime: .seconds(Int64.max), maxTokens: .max)
                return try await loop(messages, Agent(model: model, tools: tools, budget: steps), ManualClock())
            },
            runWithBudget: { try await loop($0, $1, has(.ownClock) ? ContinuousClock() : $2) },
            runTask: { try await runTask($0, $1, $2, $3, $4, $5, $6) },
            resumeTask: { try await resumeTask($0, $1, $2, $3, $4, $5) }
        )
    }
}

/// Runs an action once, the first time it is asked to.
final class SaveOnce: Sendable {
    private let action: @Sendable () async throws -> Void
    private let done = Mutex(false)

    init(_ action: @escaping @Sendable () async throws -> Void) {
        self.action = action
    }

    func run() async throws {
        let first = done.withLock { done in
            defer { done = true }
            return !done
        }
        if first { try await action() }
    }
}

/// A model that runs an action after its first answer.
struct AfterFirstAnswer: ChatModel {
    let base: any ChatModel
    let action: SaveOnce

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        let response = try await base.complete(request)
        try await action.run()
        return response
    }
}
