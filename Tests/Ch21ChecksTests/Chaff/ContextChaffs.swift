import Ch21Checks
import Ch21ProductionSolution
import LabKit

// Buggy context selections.

extension Chaff {
    static let context: [Chaff] = [
        selecting("context: open questions are left out", caughtBy: ["ch21.context.always-there"]) { state, step, maxBytes in
            var slice = try selectContext(from: state, currentStep: step, maxBytes: maxBytes)
            slice.openQuestions = []
            return slice
        },
        selecting("context: artifacts of every step are taken", caughtBy: ["ch21.context.step-artifacts"]) { state, step, maxBytes in
            var everything = state
            everything.artifacts = state.artifacts.map { var copy = $0; copy.step = step; return copy }
            var slice = try selectContext(from: everything, currentStep: step, maxBytes: maxBytes)
            slice.artifacts = slice.artifacts.compactMap { chosen in state.artifacts.first { $0.id == chosen.id } }
            return slice
        },
        selecting("context: artifacts stop at the first that does not fit", caughtBy: ["ch21.context.step-artifacts"]) { state, step, maxBytes in
            var slice = ContextSlice(goal: state.goal, currentStep: step, openQuestions: state.openQuestions)
            var used = 0
            for artifact in state.artifacts where artifact.step == step {
                guard used + artifact.bytes <= maxBytes else { break }
                slice.artifacts.append(artifact)
                used += artifact.bytes
            }
            var rest = state
            rest.artifacts = []
            slice.facts = try selectContext(from: rest, currentStep: step, maxBytes: maxBytes - used).facts
            return slice
        },
        selecting("context: the oldest facts first", caughtBy: ["ch21.context.newest-facts"]) { state, step, maxBytes in
            var reversed = state
            reversed.knownFacts = state.knownFacts.reversed()
            return try selectContext(from: reversed, currentStep: step, maxBytes: maxBytes)
        },
        selecting("context: facts that do not fit are skipped, older ones taken", caughtBy: ["ch21.context.facts-stop"]) { state, step, maxBytes in
            var slice = try selectContext(from: ContextFixture.withoutFacts(state), currentStep: step, maxBytes: maxBytes)
            var used = slice.artifacts.reduce(0) { $0 + $1.bytes }
            for fact in state.knownFacts.reversed() where used + fact.value.utf8.count <= maxBytes {
                slice.facts.append(fact)
                used += fact.value.utf8.count
            }
            return slice
        },
        selecting("context: a fact's size counted in characters", caughtBy: ["ch21.context.utf8-bytes"]) { state, step, maxBytes in
            var slice = try selectContext(from: ContextFixture.withoutFacts(state), currentStep: step, maxBytes: maxBytes)
            var used = slice.artifacts.reduce(0) { $0 + $1.bytes }
            for fact in state.knownFacts.reversed() {
                guard used + fact.value.count <= maxBytes else { break }
                slice.facts.append(fact)
                used += fact.value.count
            }
            return slice
        },
        selecting("context: facts are chosen before the artifacts", caughtBy: ["ch21.context.newest-facts"]) { state, step, maxBytes in
            let facts = try selectContext(from: ContextFixture.withoutArtifacts(state), currentStep: step, maxBytes: maxBytes).facts
            let used = facts.reduce(0) { $0 + $1.value.utf8.count }
            var slice = try selectContext(from: ContextFixture.withoutFacts(state), currentStep: step, maxBytes: max(0, maxBytes - used))
            slice.facts = facts
            return slice
        },
        selecting("context: a negative budget gives an empty slice", caughtBy: ["ch21.context.negative-budget"]) { state, step, maxBytes in
            try selectContext(from: state, currentStep: step, maxBytes: max(0, maxBytes))
        },
    ]

    static func selecting(
        _ name: String, caughtBy: [String],
        _ select: @escaping @Sendable (AgentState, String, Int) throws -> ContextSlice
    ) -> Chaff {
        Chaff(name: name, exercises: solution { $0.selectContext = select }, caughtBy: caughtBy)
    }
}

enum ContextFixture {
    static func withoutFacts(_ state: AgentState) -> AgentState {
        var copy = state
        copy.knownFacts = []
        return copy
    }

    static func withoutArtifacts(_ state: AgentState) -> AgentState {
        var copy = state
        copy.artifacts = []
        return copy
    }
}
