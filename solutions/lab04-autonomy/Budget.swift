import Lab04Checks
import LabKit

/// Runs the agent loop within `agent.budget`: steps, wall time on `clock` from the start of the
/// run, and tokens as the responses report them.
///
/// - Throws: `AgentError.stepLimitReached`, `.wallTimeExceeded` or `.tokenBudgetExceeded`,
///   whichever limit is reached first; `AgentError.emptyAnswer`; the model's errors.
public func runAgentLoop(messages: [ChatMessage], agent: Agent, clock: some Clock<Duration>) async throws -> AgentRun {
    var loop = AgentLoop(messages: messages, agent: agent)
    return try await loop.run(clock: clock)
}
