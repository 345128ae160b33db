import Foundation
import LabKit

/// Where a scenario comes from: one of the built-in scenarios, a JSON file, or a value.
///
/// ```swift
/// let server = try await MockLLMServer.start(scenario: .builtIn("lab04-autonomy"))
/// ```
public enum ScenarioSource: Sendable, Hashable {
    /// A scenario shipped with the kit; ``builtInNames`` lists them.
    case builtIn(String)
    /// A JSON scenario file.
    case file(String)
    /// A scenario built in code.
    case scenario(Scenario)

    /// Reads a name or a path as the command line gives it: a built-in name, else a file. A word
    /// that is neither (no `/`, no `.json`) is taken for a misspelt built-in name, so that the
    /// error lists the real ones.
    public static func named(_ nameOrPath: String) -> ScenarioSource {
        if builtInNames.contains(nameOrPath) { return .builtIn(nameOrPath) }
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".json")
        if looksLikePath || FileManager.default.fileExists(atPath: nameOrPath) { return .file(nameOrPath) }
        return .builtIn(nameOrPath)
    }

    /// The names of the built-in scenarios, sorted.
    public static var builtInNames: [String] {
        embedded.keys.sorted()
    }

    /// Loads and validates the scenario.
    ///
    /// - Throws: ``MockLLMError`` when the scenario is unknown, unreadable or invalid.
    public func load() throws -> Scenario {
        let scenario: Scenario
        switch self {
        case .builtIn(let name):
            // Compiled in (see scripts/embed-scenarios.sh): the binary needs no resource bundle.
            guard let document = Self.embedded[name] else {
                throw MockLLMError.unknownScenario(name, available: Self.builtInNames)
            }
            scenario = try Self.decode(Data(document.utf8), label: name)
        case .file(let path):
            scenario = try Self.decode(contentsOf: URL(fileURLWithPath: path), label: path)
        case .scenario(let value):
            scenario = value
        }
        try scenario.validate()
        return scenario
    }

    /// Decodes and validates a scenario document.
    ///
    /// - Throws: ``MockLLMError/invalidScenario(name:reason:)`` naming the place that is wrong.
    public static func decode(_ data: Data, label: String) throws -> Scenario {
        // Unknown fields first: a misspelt required field is clearer as "unknown" than "missing".
        if let document = try? ChatWire.decode(JSONValue.self, from: data) {
            do {
                try ScenarioFields.check(document)
            } catch let problem as ScenarioProblem {
                throw MockLLMError.invalidScenario(name: label, reason: problem.text)
            }
        }
        let scenario: Scenario
        do {
            scenario = try ChatWire.decode(Scenario.self, from: data)
        } catch let error as DecodingError {
            throw MockLLMError.invalidScenario(name: label, reason: Self.describe(error))
        } catch {
            throw MockLLMError.invalidScenario(name: label, reason: "\(error)")
        }
        try scenario.validate()
        return scenario
    }

    private static func decode(contentsOf url: URL, label: String) throws -> Scenario {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MockLLMError.unreadableScenarioFile(path: url.path, reason: error.localizedDescription)
        }
        return try decode(data, label: label)
    }

    /// A one-line account of a decoding error with the path to the bad field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the document" : codingPath.jsonPath
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "the document" : path(context.codingPath)
            return "\(parent) is missing \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(describe(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) should be \(describe(type)), not null"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { ": \($0.localizedDescription)" } ?? ""
            return context.codingPath.isEmpty
                ? "not valid JSON\(underlying)"
                : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "an array" : "an object"
        }
    }
}
