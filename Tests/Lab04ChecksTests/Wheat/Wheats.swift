import Foundation
import Lab04AutonomySolution
import Lab04Checks
import LabChecks
import LabKit

typealias Wheat = KnownVariant<Lab04Exercises>

/// The reference solution with one change.
func solution(_ change: (inout Lab04Exercises) -> Void) -> Lab04Exercises {
    var exercises = Lab04AutonomySolution.exercises
    change(&exercises)
    return exercises
}

/// Correct lab 04 implementations written otherwise than the reference: each must pass every check.
let wheats: [Wheat] = [
    Wheat(name: "everything written plainly in one type, with flags for nothing", subject: SlippingAgent(slip: nil).exercises),
    Wheat(name: "loop: recursive, one model call per level", subject: solution {
        $0.runAgentLoop = { try await recursiveLoop($0, model: $1, tools: $2, stepsLeft: $3, maxSteps: $3) }
    }),
    Wheat(name: "budget: a deadline instant, tokens from prompt + completion", subject: solution {
        $0.runWithBudget = { try await deadlineLoop($0, agent: $1, clock: $2) }
    }),
    Wheat(name: "persist: extra checkpoints (at the start and with the answer), running saved at every step", subject: solution {
        $0.runTask = { try await chattyRunTask($0, $1, $2, $3, $4, $5, $6) }
    }),
    Wheat(name: "resume: unanswered calls found by counting the tool messages at the end", subject: solution {
        $0.resumeTask = { try await countingResume($0, $1, $2, $3, $4, $5) }
    }),
    Wheat(name: "loop: the assistant message rebuilt field by field", subject: solution {
        $0.runAgentLoop = { messages, model, tools, maxSteps in
            try await recursiveLoop(messages, model: RebuildingModel(base: model), tools: tools, stepsLeft: maxSteps, maxSteps: maxSteps)
        }
    }),
]

private func recursiveLoop(_ messages: [ChatMessage], model: any ChatModel, tools: ToolRegistry, stepsLeft: Int, maxSteps: Int) async throws -> AgentRun {
    guard stepsLeft > 0 else { throw AgentError.stepLimitReached(maxSteps: maxSteps) }
    let response = try await model.complete(ChatCompletionRequest(model: "", messages: messages, tools: tools.definitions))
    guard let reply = response.message else { throw AgentError.emptyAnswer }
    switch (reply.content, reply.toolCalls ?? []) {
    case (nil, []):
        throw AgentError.emptyAnswer
    case (let text?, []):
        return AgentRun(answer: text, messages: messages + [reply])
    case (_, let calls):
        var next = messages + [reply]
        for call in calls {
            next.append(.tool(await outcome(of: call, in: tools), callID: call.id))
        }
        return try await recursiveLoop(next, model: model, tools: tools, stepsLeft: stepsLeft - 1, maxSteps: maxSteps)
    }
}

private func outcome(of call: ToolCall, in tools: ToolRegistry) async -> String {
    do {
        guard let tool = tools.tool(named: call.function.name) else {
            throw ToolError.unknownTool(name: call.function.name, available: tools.names)
        }
        return try await tool.run(call)
    } catch {
        return "error: \(error)"
    }
}

private func deadlineLoop<C: Clock<Duration>>(_ start: [ChatMessage], agent: Agent, clock: C) async throws -> AgentRun {
    let deadline = clock.now.advanced(by: agent.budget.maxWallTime)
    var messages = start
    var used = 0
    for _ in 0..<agent.budget.maxSteps {
        if clock.now >= deadline { throw AgentError.wallTimeExceeded(limit: agent.budget.maxWallTime) }
        let response = try await agent.model.complete(ChatCompletionRequest(model: "", messages: messages, tools: agent.tools.definitions))
        used += (response.usage?.promptTokens ?? 0) + (response.usage?.completionTokens ?? 0)
        if used > agent.budget.maxTokens { throw AgentError.tokenBudgetExceeded(used: used, limit: agent.budget.maxTokens) }
        guard let reply = response.message, reply.content != nil || !(reply.toolCalls ?? []).isEmpty else { throw AgentError.emptyAnswer }
        messages.append(reply)
        guard let calls = reply.toolCalls, !calls.isEmpty else { return AgentRun(answer: reply.content ?? "", messages: messages) }
        for call in calls {
            messages.append(.tool(await outcome(of: call, in: agent.tools), callID: call.id))
        }
    }
    throw AgentError.stepLimitReached(maxSteps: agent.budget.maxSteps)
}

/// Saves the task running at every model call and checkpoints more often than needed.
private func chattyRunTask(_ id: String, _ input: String, _ agent: Agent, _ clock: any Clock<Duration>,
                           _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now) async throws -> String {
    let task = AgentTask(id: id, input: input, state: .running, attempts: 1, createdAt: now())
    try await store.save(task)
    let start: [ChatMessage] = [.system(agent.systemPrompt), .user(input)]
    try await checkpoints.saveConversation(start, taskID: id)
    var observed = agent
    observed.model = SavingRunning(base: agent.model, task: task, store: store, now: now)
    let recorder = SlippingAgent(slip: nil)
    var finished = task
    return try await recorder.finish(&finished, store, now) {
        let run = try await recorder.loop(start, observed, clock) { try await checkpoints.saveConversation($0, taskID: id) }
        try await checkpoints.saveConversation(run.messages, taskID: id)
        return run
    }
}

/// Saves the task as running before each model call, as chapter 11's loop does.
private struct SavingRunning: ChatModel {
    let base: any ChatModel
    let task: AgentTask
    let store: any StateStore
    let now: Now

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var running = task
        running.updatedAt = now()
        try await store.save(running)
        return try await base.complete(request)
    }
}

private func countingResume(_ id: String, _ agent: Agent, _ clock: any Clock<Duration>,
                            _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now) async throws -> String {
    guard var task = try await store.task(id: id) else { throw LabError.taskNotFound(id: id) }
    guard task.state != .completed else { return task.result ?? "" }
    task.state = .running
    task.attempts += 1
    task.updatedAt = now()
    try await store.save(task)
    var messages = try await checkpoints.conversation(taskID: id) ?? [.system(agent.systemPrompt), .user(task.input)]
    let results = messages.reversed().prefix { $0.role == .tool }.count
    if let calls = messages.dropLast(results).last?.toolCalls {
        for call in calls.dropFirst(results) {
            messages.append(.tool(await outcome(of: call, in: agent.tools), callID: call.id))
            try await checkpoints.saveConversation(messages, taskID: id)
        }
    }
    let resumed = messages
    let plain = SlippingAgent(slip: nil)
    return try await plain.finish(&task, store, now) {
        try await plain.loop(resumed, agent, clock) { try await checkpoints.saveConversation($0, taskID: id) }
    }
}

/// Hands back each answer's message rebuilt from its fields, as code that copies what it needs would.
private struct RebuildingModel: ChatModel {
    let base: any ChatModel

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var response = try await base.complete(request)
        if let message = response.choices.first?.message {
            response.choices[0].message = ChatMessage(role: message.role, content: message.content, toolCalls: message.toolCalls)
        }
        return response
    }
}
