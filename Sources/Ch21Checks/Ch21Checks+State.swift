import LabChecks
import LabKit

extension Ch21Checks {
    static let patches: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.patch.facts-appended",
            title: "appendFacts adds new facts at the end, in order",
            points: 1,
            hint: "Append each fact of .appendFacts to knownFacts, keeping their order: the last fact is the newest."
        ) { exercises, _ in
            let state = fixtureState(facts: [fact("service", "checkout")])
            let patched = try exercises.applyPatches([.appendFacts([fact("region", "eu"), fact("disk", "95%")])], state)
            try expect(patched.knownFacts.map(\.key), equals: ["service", "region", "disk"], "fact keys")
            try expect(patched.goal, equals: state.goal, "the goal")
        },
        Check(
            id: "ch21.patch.fact-replaced",
            title: "A fact whose key is known replaces the old one and becomes the newest",
            points: 2,
            hint: "Before appending a fact, remove any fact with the same key: one fact per key, the latest at the end."
        ) { exercises, _ in
            let state = fixtureState(facts: [fact("disk", "80%"), fact("service", "checkout")])
            let patched = try exercises.applyPatches([.appendFacts([fact("disk", "95%", source: "tool:check_disk")])], state)
            try expect(patched.knownFacts, equals: [fact("service", "checkout"), fact("disk", "95%", source: "tool:check_disk")], "known facts")
        },
        Check(
            id: "ch21.patch.plan-replaced",
            title: "replacePlan replaces the whole plan",
            points: 1,
            hint: ".replacePlan(steps) sets plan to exactly these steps."
        ) { exercises, _ in
            var state = fixtureState()
            state.plan = ["check", "clean", "verify"]
            let patched = try exercises.applyPatches([.replacePlan(["rollback", "verify"])], state)
            try expect(patched.plan, equals: ["rollback", "verify"], "the plan")
        },
        Check(
            id: "ch21.patch.questions-once",
            title: "addOpenQuestions asks each question once; answerQuestion removes it",
            points: 2,
            hint: "Append a question only if it is not open yet (also within the same patch); .answerQuestion removes it, and does nothing when it is not open."
        ) { exercises, _ in
            var state = fixtureState()
            state.openQuestions = ["Which namespace?"]
            let patched = try exercises.applyPatches([
                .addOpenQuestions(["Which namespace?", "Which version?", "Which version?", "Who approves?"]),
                .answerQuestion("Which namespace?"),
                .answerQuestion("Never asked?"),
            ], state)
            try expect(patched.openQuestions, equals: ["Which version?", "Who approves?"], "open questions")
        },
        Check(
            id: "ch21.patch.artifacts-added",
            title: "addArtifacts appends the artifacts in order",
            points: 1,
            hint: "Append each artifact of .addArtifacts to artifacts."
        ) { exercises, _ in
            let state = fixtureState(artifacts: [artifact("a1", "check", 10)])
            let patched = try exercises.applyPatches([.addArtifacts([artifact("a2", "clean", 20), artifact("a3", "clean", 5)])], state)
            try expect(patched.artifacts.map(\.id), equals: ["a1", "a2", "a3"], "artifact ids")
        },
        Check(
            id: "ch21.patch.budget-spent",
            title: "spend adds steps and tokens to the budget (zero included); reaching the limit exactly is allowed",
            points: 1,
            hint: ".spend(steps:tokens:) adds to stepsUsed and tokensUsed; only going past maxSteps or maxTokens is an error."
        ) { exercises, _ in
            let state = fixtureState()
            let patched = try exercises.applyPatches([
                .spend(steps: 1, tokens: 300), .spend(steps: 0, tokens: 0), .spend(steps: 0, tokens: 100),
                .spend(steps: 9, tokens: 0), .spend(steps: 0, tokens: 600),
            ], state)
            try expect(patched.budget, equals: Budget(maxSteps: 10, maxTokens: 1000, stepsUsed: 10, tokensUsed: 1000), "the budget")
        },
        Check(
            id: "ch21.patch.budget-exceeded",
            title: "Spending past a limit throws budgetExceeded with the resource, the limit and what it would have used",
            points: 2,
            hint: "Throw AgentStateError.budgetExceeded(resource: \"steps\" or \"tokens\", limit:, used:) with used = what the total would have become; check steps first."
        ) { exercises, _ in
            let state = fixtureState()
            let tokens = try await caughtError { _ = try exercises.applyPatches([.spend(steps: 1, tokens: 1001)], state) }
            try expect(thrown: tokens, equals: AgentStateError.budgetExceeded(resource: "tokens", limit: 1000, used: 1001), "the error for 1001 tokens")
            let steps = try await caughtError { _ = try exercises.applyPatches([.spend(steps: 4, tokens: 10), .spend(steps: 7, tokens: 2000)], state) }
            try expect(thrown: steps, equals: AgentStateError.budgetExceeded(resource: "steps", limit: 10, used: 11), "the error for 11 steps")
        },
        Check(
            id: "ch21.patch.negative-spend",
            title: "Spending a negative amount throws invalidPatch",
            points: 1,
            hint: "A .spend with negative steps or tokens is AgentStateError.invalidPatch: budgets only grow."
        ) { exercises, _ in
            for patch in [StatePatch.spend(steps: -1, tokens: 0), .spend(steps: 0, tokens: -1), .spend(steps: -3, tokens: 5)] {
                let error = try await caughtError { _ = try exercises.applyPatches([patch], fixtureState()) }
                guard case AgentStateError.invalidPatch? = error else {
                    throw CheckFailure("expected AgentStateError.invalidPatch for \(patch), got \(outcome(error))")
                }
            }
        },
    ]

    static let context: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.context.always-there",
            title: "The slice always carries the goal, the current step and every open question, outside the byte budget",
            points: 1,
            hint: "Copy goal, currentStep and openQuestions into the slice whatever maxBytes is; they do not count against it."
        ) { exercises, _ in
            var state = fixtureState(facts: [fact("a", "x")], artifacts: [artifact("a1", "clean", 1)])
            state.openQuestions = ["Which namespace?"]
            let slice = try exercises.selectContext(state, "clean", 0)
            try expect(slice, equals: ContextSlice(goal: state.goal, currentStep: "clean", openQuestions: ["Which namespace?"]), "the slice with maxBytes 0")
        },
        Check(
            id: "ch21.context.step-artifacts",
            title: "Only the current step's artifacts are chosen, in stored order; one that does not fit is skipped",
            points: 3,
            hint: "Go through artifacts in order; take one when its step is the current step and used + bytes <= maxBytes; skip it otherwise and go on."
        ) { exercises, _ in
            let state = fixtureState(artifacts: [
                artifact("other", "check", 10), artifact("big", "clean", 500), artifact("log", "clean", 60),
                artifact("diff", "clean", 40), artifact("late", "clean", 1),
            ])
            let slice = try exercises.selectContext(state, "clean", 100)
            try expect(slice.artifacts.map(\.id), equals: ["log", "diff"], "chosen artifacts")
            let roomy = try exercises.selectContext(state, "clean", 1000)
            try expect(roomy.artifacts.map(\.id), equals: ["big", "log", "diff", "late"], "chosen artifacts with 1000 bytes")
        },
        Check(
            id: "ch21.context.newest-facts",
            title: "After the artifacts, the newest facts fill what is left, newest first",
            points: 3,
            hint: "Walk knownFacts from the end (the newest) and add each fact whose value fits in what the artifacts left."
        ) { exercises, _ in
            let state = fixtureState(
                facts: [fact("f1", "aaaa"), fact("f2", "bbbb"), fact("f3", "cccc"), fact("f4", "dddd")],
                artifacts: [artifact("log", "clean", 10)])
            let slice = try exercises.selectContext(state, "clean", 18)
            try expect(slice.artifacts.map(\.id), equals: ["log"], "chosen artifacts")
            try expect(slice.facts.map(\.key), equals: ["f4", "f3"], "chosen facts")
        },
        Check(
            id: "ch21.context.facts-stop",
            title: "Facts stop at the first one that does not fit: an older fact never jumps ahead of a newer one",
            points: 2,
            hint: "When the next newest fact does not fit, stop: do not skip it to take an older, smaller one."
        ) { exercises, _ in
            let state = fixtureState(facts: [fact("old", "x"), fact("big", String(repeating: "y", count: 50)), fact("new", "zz")])
            let slice = try exercises.selectContext(state, "any", 10)
            try expect(slice.facts.map(\.key), equals: ["new"], "chosen facts")
        },
        Check(
            id: "ch21.context.utf8-bytes",
            title: "A fact's size is its value's UTF-8 bytes, not its characters",
            points: 1,
            hint: "Measure fact.value.utf8.count: \"é\" is 2 bytes, \"🚀\" is 4."
        ) { exercises, _ in
            let state = fixtureState(facts: [fact("name", "ééé"), fact("icon", "🚀🚀")])
            let slice = try exercises.selectContext(state, "any", 10)
            try expect(slice.facts.map(\.key), equals: ["icon"], "chosen facts (8 + 6 bytes, 10 allowed)")
        },
        Check(
            id: "ch21.context.negative-budget",
            title: "A negative byte budget throws invalidArgument",
            points: 1,
            hint: "maxBytes below 0 is LabError.invalidArgument."
        ) { exercises, _ in
            let error = try await caughtError { _ = try exercises.selectContext(fixtureState(), "any", -1) }
            guard case LabError.invalidArgument? = error else {
                throw CheckFailure("expected LabError.invalidArgument, got \(outcome(error))")
            }
        },
    ]
}

/// An agent state as checks set it up: a budget of 10 steps and 1000 tokens.
func fixtureState(facts: [Fact] = [], artifacts: [Artifact] = []) -> AgentState {
    AgentState(goal: "Free disk space on web-1", budget: Budget(maxSteps: 10, maxTokens: 1000),
               plan: ["check", "clean", "verify"], knownFacts: facts, artifacts: artifacts)
}

func fact(_ key: String, _ value: String, source: String = "user") -> Fact {
    Fact(key: key, value: value, source: source)
}

func artifact(_ id: String, _ step: String, _ bytes: Int) -> Artifact {
    Artifact(id: id, step: step, summary: "output \(id)", bytes: bytes)
}
