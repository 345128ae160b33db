import Lab04Checks
import LabKit

/// The reference solution as a value the checks can run.
public let exercises = Lab04Exercises(
    runAgentLoop: { try await runAgentLoop(messages: $0, model: $1, tools: $2, maxSteps: $3) },
    runWithBudget: { try await runAgentLoop(messages: $0, agent: $1, clock: $2) },
    runTask: { try await runTask(id: $0, input: $1, agent: $2, clock: $3, store: $4, checkpoints: $5, now: $6) },
    resumeTask: { try await resumeTask(id: $0, agent: $1, clock: $2, store: $3, checkpoints: $4, now: $5) }
)
