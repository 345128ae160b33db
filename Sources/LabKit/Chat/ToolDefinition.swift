/// A function tool offered to the model: a name, what it does, and a JSON Schema of its
/// parameters.
///
/// ```swift
/// let tool = ToolDefinition(
///     name: "get_server_status",
///     description: "Returns the status of the server at an IP address.",
///     parameters: ["type": "object", "properties": ["ip": ["type": "string"]], "required": ["ip"]]
/// )
/// ```
public struct ToolDefinition: Sendable, Hashable, Codable {
    /// The function part of the definition.
    public struct Function: Sendable, Hashable, Codable {
        /// The name the model calls the tool by.
        public var name: String
        /// What the tool does, for the model.
        public var description: String?
        /// The JSON Schema of the arguments object.
        public var parameters: JSONValue?

        /// Creates the function part of a definition.
        public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
            self.name = name
            self.description = description
            self.parameters = parameters
        }

        enum CodingKeys: String, CodingKey {
            case name, description, parameters
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            if decoder.userInfo[ChatWire.skipsToolParameters] as? Bool == true {
                parameters = nil
            } else {
                parameters = try container.decodeIfPresent(JSONValue.self, forKey: .parameters)
            }
        }
    }

    /// `"function"`, or `"custom"` for a free-form tool (read from its `custom` object).
    public var type: String
    /// The name, description and parameter schema.
    public var function: Function

    /// Creates a function tool.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        self.type = "function"
        self.function = Function(name: name, description: description, parameters: parameters)
    }

    /// The tool's name.
    public var name: String { function.name }

    enum CodingKeys: String, CodingKey {
        case type, function, custom
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        if type == "custom", !container.contains(.function) {
            function = try container.decode(Function.self, forKey: .custom)
        } else {
            function = try container.decode(Function.self, forKey: .function)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(function, forKey: type == "custom" ? .custom : .function)
    }
}
