import Lab04Checks
import LabKit

// Exercise 2 of lab 04: a budget.
// The assignment: labs/lab04-autonomy/README.md. Check your work: swift run lab04-autonomy check

/// The agent loop of exercise 1, within `agent.budget`: steps, wall time and tokens, as
/// chapter 11's AgentState budget has it.
///
/// The contract the checks hold you to (`lab04.budget.*`); everything else is as in exercise 1,
/// with `agent.model` and `agent.tools`:
/// - Steps: as exercise 1, with `agent.budget.maxSteps`.
/// - Wall time: note `clock.now` when the run starts. Before each model call, once
///   `start.duration(to: clock.now) >= maxWallTime`, throw `AgentError.wallTimeExceeded(limit:)`.
///   The time of the model and the tools counts alike. Use `clock`, never a clock of your own.
/// - Tokens: add each answer's `usage?.totalTokens` (0 when absent) to a running total. When the
///   total is more than `maxTokens` (equal is fine), throw
///   `AgentError.tokenBudgetExceeded(used:limit:)` at once, before acting on that answer.
///
/// - Parameters:
///   - messages: The conversation to start from.
///   - agent: The model, the tools and the budget.
///   - clock: The clock the wall time is measured on.
/// - Returns: The answer and the whole conversation.
public func runAgentLoop(messages: [ChatMessage], agent: Agent, clock: some Clock<Duration>) async throws -> AgentRun {
    throw LabError.notImplemented("runAgentLoop(messages:agent:clock:)")
}
