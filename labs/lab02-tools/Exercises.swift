import Lab02Checks
import LabKit

// Connects your functions to the checks. You do not need to edit this file.

/// Your lab 02 functions as a value the checks can run.
public let exercises = Lab02Exercises(
    serverStatusTool: { try serverStatusTool() },
    decodeArguments: { try decodeArguments(ServerStatusArguments.self, from: $0) },
    executeToolCall: { try await executeToolCall($0, registry: $1) },
    executeToolCallRetrying: { try await executeToolCall($0, registry: $1, retry: $2) },
    answerQuestion: { try await answerQuestion($0, model: $1, registry: $2, retry: $3) }
)
