/// What a long-running agent knows and has, between steps: the state it resumes from.
///
/// A run changes it only through ``StatePatch`` values, so that one component can turn
/// observations into patches and another can decide the next action from the state.
public struct AgentState: Sendable, Equatable, Codable {
    /// What the user asked for.
    public var goal: String
    /// The limits of the run and what it has used.
    public var budget: Budget
    /// The steps the agent means to take, in order.
    public var plan: [String]
    /// What the agent has learned, oldest first: the last fact is the newest.
    public var knownFacts: [Fact]
    /// The outputs it kept (logs, command output), by reference and size.
    public var artifacts: [Artifact]
    /// What it still needs to find out, in the order it asked.
    public var openQuestions: [String]

    public init(goal: String, budget: Budget, plan: [String] = [], knownFacts: [Fact] = [],
                artifacts: [Artifact] = [], openQuestions: [String] = []) {
        self.goal = goal
        self.budget = budget
        self.plan = plan
        self.knownFacts = knownFacts
        self.artifacts = artifacts
        self.openQuestions = openQuestions
    }
}

/// The limits of an agent run, and how much of each it has used.
public struct Budget: Sendable, Equatable, Codable {
    public var maxSteps: Int
    public var maxTokens: Int
    public var stepsUsed: Int
    public var tokensUsed: Int

    public init(maxSteps: Int, maxTokens: Int, stepsUsed: Int = 0, tokensUsed: Int = 0) {
        self.maxSteps = maxSteps
        self.maxTokens = maxTokens
        self.stepsUsed = stepsUsed
        self.tokensUsed = tokensUsed
    }
}

/// Something the agent learned: `service = checkout`, from the user or a tool.
public struct Fact: Sendable, Equatable, Codable {
    public var key: String
    public var value: String
    /// Where it came from, as in `user` or `tool:check_disk`.
    public var source: String

    public init(key: String, value: String, source: String) {
        self.key = key
        self.value = value
        self.source = source
    }
}

/// An output the agent kept outside its context: what it is, which step made it, how big it is.
public struct Artifact: Sendable, Equatable, Codable {
    public var id: String
    /// The plan step that produced it.
    public var step: String
    /// A one-line summary the model can read.
    public var summary: String
    /// Its size in bytes when put in the model's context.
    public var bytes: Int

    public init(id: String, step: String, summary: String, bytes: Int) {
        self.id = id
        self.step = step
        self.summary = summary
        self.bytes = bytes
    }
}

/// The part of an ``AgentState`` that goes into the model's context for one step.
public struct ContextSlice: Sendable, Equatable, Codable {
    public var goal: String
    public var currentStep: String
    /// The chosen artifacts, in the order the state holds them.
    public var artifacts: [Artifact]
    /// The chosen facts, newest first.
    public var facts: [Fact]
    public var openQuestions: [String]

    public init(goal: String, currentStep: String, artifacts: [Artifact] = [], facts: [Fact] = [], openQuestions: [String] = []) {
        self.goal = goal
        self.currentStep = currentStep
        self.artifacts = artifacts
        self.facts = facts
        self.openQuestions = openQuestions
    }
}
