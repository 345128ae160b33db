import Foundation
import LabKit

/// Decides the answer to a request from a scenario: first matching rule wins, the attempt number
/// picks a step of a sequence, a seeded draw decides chaos faults. Pure: the same inputs always
/// give the same decision.
struct ScenarioEngine: Sendable {
    let scenario: Scenario
    let seed: UInt64
    let strict: Bool
    /// Each rule's `lastUserMatches`, compiled once (by rule index).
    private let patterns: [CompiledPattern?]
    /// The rules behind one reference each, so that matching walks them without copying a rule.
    private let entries: [RuleEntry]

    private final class RuleEntry: Sendable {
        let rule: Rule
        let pattern: CompiledPattern?

        init(rule: Rule, pattern: CompiledPattern?) {
            self.rule = rule
            self.pattern = pattern
        }
    }

    init(scenario: Scenario, seed: UInt64, strict: Bool) {
        self.scenario = scenario
        self.seed = seed
        self.strict = strict
        let patterns = scenario.rules.map { rule in rule.when.lastUserMatches.map(CompiledPattern.init) }
        self.patterns = patterns
        self.entries = zip(scenario.rules, patterns).map { RuleEntry(rule: $0, pattern: $1) }
    }

    /// The name recorded for answers that came from no rule.
    static let fallbackRuleName = "(fallback)"

    /// The 400 body of strict mode when no rule matches.
    static func noMatchBody(_ explanation: String) -> OpenAIErrorBody {
        OpenAIErrorBody(message: "mock-llm (strict): " + explanation, type: "invalid_request_error", code: "mock_no_rule_matched")
    }

    func decide(_ conversation: Conversation, attempt: Int, requestHash: UInt64, identity: ResponseIdentity) -> Decision {
        for entry in entries {
            let evaluation = entry.rule.when.evaluate(conversation, pattern: entry.pattern, stopAtFirstFailure: true)
            guard evaluation.matched else { continue }
            let rule = entry.rule
            let template = Template(conversation: conversation, captures: evaluation.captures)
            let nextAnswers = nextAttemptAnswers(rule, requestHash: requestHash, attempt: attempt)
            if let chaos = rule.chaos, chaosStrikes(chaos, requestHash: requestHash, attempt: attempt) {
                return Decision(action: .fault(chaos.fault), rule: rule.name, delay: nil, nextAttemptAnswers: nextAnswers)
            }
            guard let reply = rule.reply(forAttempt: attempt) else { continue }
            var decision = decision(for: reply, rule: rule.name, template: template, identity: identity)
            if case .fault = decision.action { decision.nextAttemptAnswers = nextAnswers }
            return decision
        }
        let explanation = explainNoMatch(conversation)
        if strict {
            return Decision(action: .noMatch(explanation), rule: nil, delay: nil)
        }
        let template = Template(conversation: conversation, captures: [])
        let fallback = scenario.fallback ?? .text("mock-llm: " + explanation)
        var decision = decision(for: fallback, rule: Self.fallbackRuleName, template: template, identity: identity)
        if case .fault = decision.action { decision.nextAttemptAnswers = false }
        return decision
    }

    private func decision(for reply: Reply, rule: String, template: Template, identity: ResponseIdentity) -> Decision {
        let delay = reply.delayMs.map { Duration.milliseconds($0) }
        if let fault = reply.fault {
            return Decision(action: .fault(fault), rule: rule, delay: delay)
        }
        let verbatim = reply.verbatim == true
        if let calls = reply.toolCalls {
            let toolCalls = calls.enumerated().map { index, call in
                ToolCall(id: call.id ?? identity.toolCallID(index), name: call.name, arguments: Self.arguments(call.arguments, template, verbatim: verbatim))
            }
            let content = reply.text.map { verbatim ? $0 : template.render($0) }
            let answer = ModelOutput(content: content, toolCalls: toolCalls, finishReason: reply.finishReason ?? .toolCalls)
            return Decision(action: .answer(answer), rule: rule, delay: delay)
        }
        var text = verbatim ? reply.text ?? "" : template.render(reply.text ?? "")
        var finishReason = reply.finishReason ?? .stop
        if let maxTokens = template.conversation.request.tokenLimit, maxTokens >= 0, text.count > maxTokens * 4 {
            text = String(text.prefix(maxTokens * 4))
            finishReason = .length
        }
        return Decision(action: .answer(ModelOutput(content: text, toolCalls: [], finishReason: finishReason)), rule: rule, delay: delay)
    }

    /// The arguments text of a scripted call: a string as it is, an object compact and sorted.
    private static func arguments(_ value: JSONValue, _ template: Template, verbatim: Bool) -> String {
        if case .string(let text) = value { return verbatim ? text : template.render(text) }
        if value == [:] { return "{}" }
        return ChatWire.string(from: verbatim ? value : template.render(value))
    }

    /// Whether the attempt after `attempt` would get an answer rather than a fault.
    private func nextAttemptAnswers(_ rule: Rule, requestHash: UInt64, attempt: Int) -> Bool {
        if let chaos = rule.chaos, chaosStrikes(chaos, requestHash: requestHash, attempt: attempt + 1) { return false }
        guard let next = rule.reply(forAttempt: attempt + 1) else { return false }
        return next.fault == nil
    }

    private func chaosStrikes(_ chaos: Chaos, requestHash: UInt64, attempt: Int) -> Bool {
        var hash = StableHash(seed: seed)
        hash.combine(requestHash)
        hash.combine(UInt64(attempt))
        return hash.unitInterval(7) < chaos.probability
    }

    /// Names the rule that came nearest to matching and the conditions that failed it.
    func explainNoMatch(_ conversation: Conversation) -> String {
        let head = "no rule of scenario \"\(scenario.name)\" matched this request"
        var nearest: (rule: Rule, evaluation: RuleEvaluation)?
        for (index, rule) in scenario.rules.enumerated() {
            let evaluation = rule.when.evaluate(conversation, pattern: patterns[index])
            if let current = nearest, evaluation.heldCount <= current.evaluation.heldCount { continue }
            nearest = (rule, evaluation)
        }
        guard let nearest else { return head + " (the scenario has no rules)." }
        let total = nearest.evaluation.verdicts.count
        let failures = nearest.evaluation.failures.map { "\($0.condition): \($0.reason)" }
        let reasons = failures.isEmpty ? "its reply sequence is empty" : failures.joined(separator: "; ")
        return head + ". Nearest rule: \"\(nearest.rule.name)\" (\(nearest.evaluation.heldCount) of \(total) conditions held); it failed on \(reasons)."
    }
}
