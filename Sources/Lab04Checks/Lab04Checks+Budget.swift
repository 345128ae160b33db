import LabChecks
import LabKit

extension Lab04Checks {
    static let budgetHint = "Exercise 2 (Budget.swift): note clock.now at the start; before each model call check "
        + "the steps and the time used; after each answer add its usage.totalTokens."

    /// The fixture agent with `budget`.
    static func agent(_ model: any ChatModel, _ tools: ToolRegistry, _ budget: AgentBudget) -> Agent {
        Agent(model: model, tools: tools, budget: budget, systemPrompt: fixturePrompt)
    }

    static let budget: [Check<Lab04Exercises>] = [
        Check(
            id: "lab04.budget.within-limits",
            title: "A run that stays within its budget returns the answer",
            points: 1,
            hint: budgetHint
        ) { exercises, context in
            let clock = context.clock()
            let model = ScriptedModel(storyScript(usage: Usage(promptTokens: 100, completionTokens: 20)))
            let run = try await exercises.runWithBudget(storyStart, agent(model, Disk().tools(), .standard), clock)
            try expect(run.answer, equals: storyAnswer, "the answer")
            try expect(model.calls, equals: 4, "model calls")
        },
        Check(
            id: "lab04.budget.step-limit",
            title: "budget.maxSteps ends a run that keeps calling tools with AgentError.stepLimitReached",
            points: 2,
            hint: "The same step limit as exercise 1, read from agent.budget.maxSteps."
        ) { exercises, context in
            let model = runawayModel(limit: 25)
            let budget = AgentBudget(maxSteps: 3, maxWallTime: .seconds(3600), maxTokens: 1_000_000)
            let error = try await caughtError { _ = try await exercises.runWithBudget(storyStart, agent(model, Disk().tools(), budget), context.clock()) }
            try expectStopped(model, within: 3, error: error, expected: .stepLimitReached(maxSteps: 3))
        },
        Check(
            id: "lab04.budget.wall-time",
            title: "A run whose model calls take 40s each stops before the 4th call at maxWallTime 100s",
            points: 3,
            hint: "Measure from the run's start on the clock you were given (not per step, not on a real clock); "
                + "before each call, once start.duration(to: clock.now) >= maxWallTime, throw AgentError.wallTimeExceeded(limit:)."
        ) { exercises, context in
            let clock = context.clock()
            let model = runawayModel(limit: 25, latency: .seconds(40), clock: clock)
            let budget = AgentBudget(maxSteps: 20, maxWallTime: .seconds(100), maxTokens: 1_000_000)
            let error = try await caughtError { _ = try await exercises.runWithBudget(storyStart, agent(model, Disk().tools(), budget), clock) }
            try expect(thrown: error, equals: AgentError.wallTimeExceeded(limit: .seconds(100)), "the error")
            try expect(model.calls, equals: 3, "model calls")
        },
        Check(
            id: "lab04.budget.wall-time-counts-tools",
            title: "Time in tools counts too: tools taking 25s each reach maxWallTime 100s exactly, before the 5th call",
            points: 1,
            hint: "The wall time is the run's, from its start, the model's time and the tools' alike; reaching "
                + "maxWallTime exactly is the end (>=)."
        ) { exercises, context in
            let clock = context.clock()
            let model = runawayModel(limit: 25)
            let tools = Disk().tools { _ in try await clock.sleep(for: .seconds(25)) }
            let budget = AgentBudget(maxSteps: 20, maxWallTime: .seconds(100), maxTokens: 1_000_000)
            let error = try await caughtError { _ = try await exercises.runWithBudget(storyStart, agent(model, tools, budget), clock) }
            try expect(thrown: error, equals: AgentError.wallTimeExceeded(limit: .seconds(100)), "the error")
            try expect(model.calls, equals: 4, "model calls")
        },
        Check(
            id: "lab04.budget.tokens-added-up",
            title: "Answers of 300 tokens each (one with no usage) exceed maxTokens 1000 at the 5th, whose tools do not run",
            points: 3,
            hint: "Add every answer's usage.totalTokens (prompt and completion) to a running total; when the total "
                + "passes maxTokens, throw AgentError.tokenBudgetExceeded(used:limit:) before acting on that answer."
        ) { exercises, context in
            let usage = Usage(promptTokens: 250, completionTokens: 50)
            let model = ScriptedModel([.toolCalls([diskCall("call_1", "check_disk")], usage: usage),
                                       .toolCalls([diskCall("call_2", "check_disk")])],
                                      then: { n in .toolCalls([diskCall("call_r\(n)", "check_disk")], usage: usage) }, limit: 25)
            let disk = Disk()
            let budget = AgentBudget(maxSteps: 20, maxWallTime: .seconds(3600), maxTokens: 1000)
            let error = try await caughtError { _ = try await exercises.runWithBudget(storyStart, agent(model, disk.tools(), budget), context.clock()) }
            try expect(thrown: error, equals: AgentError.tokenBudgetExceeded(used: 1200, limit: 1000), "the error")
            try expect(model.calls, equals: 5, "model calls")
            try expect(disk.effects.count, equals: 4, "tool runs (the answer over budget must not be acted on)")
        },
        Check(
            id: "lab04.budget.tokens-at-limit",
            title: "Using exactly maxTokens is within the budget; an answer without usage counts 0",
            points: 1,
            hint: "The budget is exceeded when the total is more than maxTokens, not when it equals it."
        ) { exercises, context in
            let quarter = Usage(promptTokens: 200, completionTokens: 50)
            var script = storyScript(usage: quarter)
            script[1].usage = nil
            script[2].usage = Usage(promptTokens: 400, completionTokens: 100)
            let model = ScriptedModel(script)
            let budget = AgentBudget(maxSteps: 20, maxWallTime: .seconds(3600), maxTokens: 1000)
            let run = try await exercises.runWithBudget(storyStart, agent(model, Disk().tools(), budget), context.clock())
            try expect(run.answer, equals: storyAnswer, "the answer")
        },
    ]
}
