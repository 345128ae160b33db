import Lab04Checks
import LabKit

/// One agent run in progress: the conversation so far, and what to do after every message
/// that must survive a crash (``checkpoint``). Exercises 1 to 4 are this loop with more or
/// fewer limits and checkpoints.
struct AgentLoop {
    var messages: [ChatMessage]
    let agent: Agent
    /// Called with the whole conversation after each assistant message that calls tools and
    /// after each tool result.
    var checkpoint: ([ChatMessage]) async throws -> Void = { _ in }

    /// Calls the model until it answers in text, running the tools it asks for, within the
    /// agent's budget measured on `clock` from now.
    mutating func run(clock: some Clock<Duration>) async throws -> AgentRun {
        let budget = agent.budget
        let start = clock.now
        var steps = 0
        var tokens = 0
        while true {
            guard steps < budget.maxSteps else { throw AgentError.stepLimitReached(maxSteps: budget.maxSteps) }
            guard start.duration(to: clock.now) < budget.maxWallTime else { throw AgentError.wallTimeExceeded(limit: budget.maxWallTime) }
            let response = try await agent.model.complete(
                ChatCompletionRequest(model: "", messages: messages, tools: agent.tools.definitions)
            )
            steps += 1
            tokens += response.usage?.totalTokens ?? 0
            guard tokens <= budget.maxTokens else { throw AgentError.tokenBudgetExceeded(used: tokens, limit: budget.maxTokens) }
            guard let reply = response.message, reply.content != nil || reply.toolCalls?.isEmpty == false else {
                throw AgentError.emptyAnswer
            }
            messages.append(reply)
            guard let calls = reply.toolCalls, !calls.isEmpty else {
                return AgentRun(answer: reply.content ?? "", messages: messages)
            }
            try await checkpoint(messages)
            for call in calls {
                try await answer(call)
            }
        }
    }

    /// Runs the calls of the last assistant message that no tool message answers yet: what a
    /// crash interrupted. Calls whose results are saved are left alone.
    mutating func answerUnansweredCalls() async throws {
        guard let calls = messages.last(where: { $0.role == .assistant })?.toolCalls else { return }
        let answered = Set(messages.compactMap(\.toolCallID))
        for call in calls where !answered.contains(call.id) {
            try await answer(call)
        }
    }

    /// Runs one call, appends its result (or `error: …`), and checkpoints.
    private mutating func answer(_ call: ToolCall) async throws {
        let output: String
        if let tool = agent.tools.tool(named: call.function.name) {
            do {
                output = try await tool.run(call)
            } catch {
                output = "error: \(error)"
            }
        } else {
            output = "error: \(ToolError.unknownTool(name: call.function.name, available: agent.tools.names))"
        }
        messages.append(.tool(output, callID: call.id))
        try await checkpoint(messages)
    }
}
