import LabKit

/// A script for the mock model: rules matched against the whole conversation, first match wins.
///
/// Scenarios are JSON documents (see `docs/scenarios.md`):
///
/// ```json
/// {
///   "name": "greeting",
///   "rules": [
///     {"name": "hello", "when": {"lastUserContains": "hello"}, "reply": {"text": "Hi there!"}}
///   ]
/// }
/// ```
public struct Scenario: Sendable, Hashable, Codable {
    /// The scenario's name, shown by `/health` and in error messages.
    public var name: String
    /// What the scenario is for.
    public var description: String?
    /// The model names `/v1/models` lists; `["mock-gpt"]` when absent.
    public var models: [String]?
    /// The rules, tried in order.
    public var rules: [Rule]
    /// The answer when no rule matches and the server is not strict; a generated text when absent.
    public var fallback: Reply?

    /// Creates a scenario; ``validate()`` checks it.
    public init(name: String, description: String? = nil, models: [String]? = nil, rules: [Rule], fallback: Reply? = nil) {
        self.name = name
        self.description = description
        self.models = models
        self.rules = rules
        self.fallback = fallback
    }

    /// Checks what the JSON schema cannot: one action per reply, regular expressions that
    /// compile, sensible numbers.
    ///
    /// - Throws: ``MockLLMError/invalidScenario(name:reason:)`` naming the first problem.
    public func validate() throws {
        if rules.isEmpty && fallback == nil {
            throw MockLLMError.invalidScenario(name: name, reason: "it has no rules and no fallback")
        }
        var names = Set<String>()
        for (index, rule) in rules.enumerated() {
            let label = "rule \(index + 1) (\"\(rule.name)\")"
            if !names.insert(rule.name).inserted {
                throw MockLLMError.invalidScenario(name: name, reason: "\(label): another rule has the same name")
            }
            do {
                try rule.validate()
            } catch let reason as ScenarioProblem {
                throw MockLLMError.invalidScenario(name: name, reason: "\(label): \(reason.text)")
            }
        }
        if let fallback {
            do {
                try fallback.validate()
            } catch let reason as ScenarioProblem {
                throw MockLLMError.invalidScenario(name: name, reason: "fallback: \(reason.text)")
            }
        }
    }
}
