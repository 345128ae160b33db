/// A validation failure inside a scenario, turned into ``MockLLMError`` with its location.
struct ScenarioProblem: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
