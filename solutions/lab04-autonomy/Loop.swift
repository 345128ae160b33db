import Lab04Checks
import LabKit

/// Calls the model until it answers in text, running every tool it asks for, at most
/// `maxSteps` times.
///
/// - Throws: `AgentError.stepLimitReached(maxSteps:)` when `maxSteps` answers all called tools;
///   `AgentError.emptyAnswer`; the model's errors as they are.
public func runAgentLoop(messages: [ChatMessage], model: any ChatModel, tools: ToolRegistry, maxSteps: Int) async throws -> AgentRun {
    let steps = AgentBudget(maxSteps: maxSteps, maxWallTime: .seconds(Int64.max), maxTokens: .max)
    var loop = AgentLoop(messages: messages, agent: Agent(model: model, tools: tools, budget: steps))
    // A clock that never moves: this exercise has no time limit.
    return try await loop.run(clock: ManualClock())
}
