import Foundation
import Hummingbird
import LabKit

/// The routes beside the chat endpoint: `/v1/models`, `/health`, and the `/_mock` admin API
/// (journal, reset, load a scenario).
struct AdminRoutes: Sendable {
    let state: MockState
    let maxBodyBytes: Int

    private struct ModelList: Encodable {
        struct Model: Encodable {
            let id: String
            let object = "model"
            let created = ResponseIdentity.epoch
            let ownedBy = "mock-llm"

            enum CodingKeys: String, CodingKey {
                case id, object, created
                case ownedBy = "owned_by"
            }
        }

        let object = "list"
        let data: [Model]
    }

    private struct Health: Encodable {
        let status = "ok"
        let scenario: String
        let seed: UInt64
        let strict: Bool
    }

    private struct Journal: Encodable {
        let count: Int
        let requests: [JournalEntry]
    }

    private struct BuiltInReference: Decodable {
        let builtIn: String
    }

    private struct Loaded: Encodable {
        let status = "loaded"
        let scenario: String
        let rules: Int
    }

    func models(_ request: Request, context: some RequestContext) throws -> Response {
        let names = state.engine.scenario.models ?? ["mock-gpt"]
        return try Self.json(ModelList(data: names.map { ModelList.Model(id: $0) }))
    }

    func health(_ request: Request, context: some RequestContext) throws -> Response {
        let engine = state.engine
        return try Self.json(Health(scenario: engine.scenario.name, seed: engine.seed, strict: engine.strict))
    }

    func requests(_ request: Request, context: some RequestContext) throws -> Response {
        let journal = state.journal
        return try Self.json(Journal(count: journal.count, requests: journal))
    }

    func verdict(_ request: Request, context: some RequestContext) throws -> Response {
        try Self.json(ResilienceVerdict(journal: state.journal))
    }

    func reset(_ request: Request, context: some RequestContext) throws -> Response {
        state.reset()
        return try Self.json(["status": "reset"])
    }

    /// Loads a scenario document, or `{"builtIn": "name"}`, and resets the state.
    func loadScenario(_ request: Request, context: some RequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodyBytes, what: "scenario")
        let data = Data(buffer.readableBytesView)
        let scenario: Scenario
        do {
            if let reference = try? ChatWire.decode(BuiltInReference.self, from: data) {
                scenario = try ScenarioSource.builtIn(reference.builtIn).load()
            } else {
                scenario = try ScenarioSource.decode(data, label: "posted scenario")
            }
        } catch let error as MockLLMError {
            throw OpenAIHTTPError(.badRequest, message: error.description, code: "invalid_scenario")
        }
        state.load(scenario)
        context.logger.info("scenario loaded", metadata: ["scenario": "\(scenario.name)"])
        return try Self.json(Loaded(scenario: scenario.name, rules: scenario.rules.count))
    }

    static func json(_ value: some Encodable) throws -> Response {
        ResponsePlan.json(try ChatWire.encode(value))
    }
}
