import Foundation

/// A call to a function tool that the model asks the client to make.
///
/// On the wire: `{"id": "call_…", "type": "function", "function": {"name": …, "arguments": "{…}"}}`,
/// where `arguments` is a JSON document in a string, exactly as the model wrote it (it may not
/// parse: check with ``parsedArguments()``).
public struct ToolCall: Sendable, Hashable, Codable {
    /// The function to call and its arguments.
    public struct Function: Sendable, Hashable, Codable {
        /// The tool's name, as offered in ``ToolDefinition``.
        public var name: String
        /// The arguments, a JSON object serialised as a string.
        public var arguments: String

        /// Creates the function part of a call.
        public init(name: String, arguments: String) {
            self.name = name
            self.arguments = arguments
        }
    }

    /// The call's identifier; the tool's answer quotes it in ``ChatMessage/toolCallID``.
    public var id: String
    /// `"function"`, or `"custom"` for a call of a free-form tool (`{"custom": {"name", "input"}}`
    /// on the wire, read into ``function`` with the input as its arguments).
    public var type: String
    /// The function and its arguments.
    public var function: Function

    /// Creates a function call.
    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.type = "function"
        self.function = Function(name: name, arguments: arguments)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, function, custom
    }

    private struct CustomCall: Codable {
        var name: String
        var input: String
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode(String.self, forKey: .type)
        if type == "custom", !container.contains(.function) {
            let custom = try container.decode(CustomCall.self, forKey: .custom)
            function = Function(name: custom.name, arguments: custom.input)
        } else {
            function = try container.decode(Function.self, forKey: .function)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        if type == "custom" {
            try container.encode(CustomCall(name: function.name, input: function.arguments), forKey: .custom)
        } else {
            try container.encode(function, forKey: .function)
        }
    }

    /// Parses ``Function/arguments`` as JSON.
    ///
    /// - Throws: `DecodingError` when the model wrote something that is not JSON.
    public func parsedArguments() throws -> JSONValue {
        try ChatWire.decode(JSONValue.self, from: Data(function.arguments.utf8))
    }
}
