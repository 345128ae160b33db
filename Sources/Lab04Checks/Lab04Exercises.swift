import LabKit

/// Lab 04's exercises as values, so that one check suite can run against any implementation.
///
/// The labs module, the solutions module and the kit's own buggy and alternative versions each
/// provide one. Students never build this type: their module's `Exercises.swift` does it for them.
public struct Lab04Exercises: Sendable {
    /// `runAgentLoop(messages:model:tools:maxSteps:)`.
    public typealias Loop = @Sendable (
        _ messages: [ChatMessage], _ model: any ChatModel, _ tools: ToolRegistry, _ maxSteps: Int
    ) async throws -> AgentRun

    /// `runAgentLoop(messages:agent:clock:)`.
    public typealias BudgetedLoop = @Sendable (
        _ messages: [ChatMessage], _ agent: Agent, _ clock: any Clock<Duration>
    ) async throws -> AgentRun

    /// `runTask(id:input:agent:clock:store:checkpoints:now:)`.
    public typealias Run = @Sendable (
        _ id: String, _ input: String, _ agent: Agent, _ clock: any Clock<Duration>,
        _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now
    ) async throws -> String

    /// `resumeTask(id:agent:clock:store:checkpoints:now:)`.
    public typealias Resume = @Sendable (
        _ id: String, _ agent: Agent, _ clock: any Clock<Duration>,
        _ store: any StateStore, _ checkpoints: any CheckpointStore, _ now: @escaping Now
    ) async throws -> String

    public var runAgentLoop: Loop
    public var runWithBudget: BudgetedLoop
    public var runTask: Run
    public var resumeTask: Resume

    public init(runAgentLoop: @escaping Loop, runWithBudget: @escaping BudgetedLoop, runTask: @escaping Run, resumeTask: @escaping Resume) {
        self.runAgentLoop = runAgentLoop
        self.runWithBudget = runWithBudget
        self.runTask = runTask
        self.resumeTask = resumeTask
    }
}

/// What one agent run may spend, as chapter 11's AgentState budget has it: model calls, time
/// on the run's clock, and tokens.
public struct AgentBudget: Sendable, Hashable {
    /// The most model calls the run may make.
    public var maxSteps: Int
    /// The most time the run may take on its clock, from its start.
    public var maxWallTime: Duration
    /// The most tokens (the responses' `usage.total_tokens`, added up) the run may use.
    public var maxTokens: Int

    public init(maxSteps: Int, maxWallTime: Duration, maxTokens: Int) {
        self.maxSteps = maxSteps
        self.maxWallTime = maxWallTime
        self.maxTokens = maxTokens
    }

    /// Chapter 11's example budget: 20 steps, 5 minutes, 200,000 tokens.
    public static let standard = AgentBudget(maxSteps: 20, maxWallTime: .seconds(300), maxTokens: 200_000)
}

/// An agent: the model it asks, the tools it offers, its budget and its instructions.
public struct Agent: Sendable {
    public var model: any ChatModel
    public var tools: ToolRegistry
    public var budget: AgentBudget
    /// The system message a task's conversation starts with.
    public var systemPrompt: String

    public init(model: any ChatModel, tools: ToolRegistry, budget: AgentBudget = .standard,
                systemPrompt: String = Agent.defaultSystemPrompt) {
        self.model = model
        self.tools = tools
        self.budget = budget
        self.systemPrompt = systemPrompt
    }

    /// The lab's system prompt.
    public static let defaultSystemPrompt = "You are an autonomous SRE agent. Use the tools to diagnose and fix the problem, then report what you did."
}

/// What an agent run returns: the model's answer and the whole conversation.
public struct AgentRun: Sendable, Hashable {
    /// The text of the model's last message.
    public var answer: String
    /// Every message, oldest first: the ones the run started with, each assistant message, each
    /// tool result, and the answer.
    public var messages: [ChatMessage]

    public init(answer: String, messages: [ChatMessage]) {
        self.answer = answer
        self.messages = messages
    }
}
