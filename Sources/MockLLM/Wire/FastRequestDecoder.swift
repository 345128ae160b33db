import Foundation
import LabKit

/// Reads a ``ChatCompletionRequest`` the quick way, for requests of the usual shape, as
/// `ChatWire.decodeSkippingToolSchemas` would (tool schemas left out). Anything it is not sure of
/// (content parts, numbers with fractions where integers go, an unknown role, any key it does not
/// know, …) returns `nil`, and the caller falls back to `JSONDecoder`. A test checks that the two
/// agree.
enum FastRequestDecoder {
    static func decode(_ data: Data) -> ChatCompletionRequest? {
        guard let document = data.withUnsafeBytes({ FastJSON.parse($0) }), case .object(let root) = document else { return nil }
        guard knows(root, RequestFields.documented, common: commonRequestFields),
            case .string(let model)? = root["model"], case .array(let items)? = root["messages"]
        else { return nil }
        var messages: [ChatMessage] = []
        messages.reserveCapacity(items.count)
        for item in items {
            guard let message = message(item) else { return nil }
            messages.append(message)
        }
        var request = ChatCompletionRequest(model: model, messages: messages)
        guard
            optional(root["tools"], into: &request.tools, tools),
            optional(root["tool_choice"], into: &request.toolChoice, jsonValue),
            optional(root["temperature"], into: &request.temperature, double),
            optional(root["max_tokens"], into: &request.maxTokens, integer),
            optional(root["max_completion_tokens"], into: &request.maxCompletionTokens, integer),
            optional(root["stream"], into: &request.stream, bool),
            optional(root["stream_options"], into: &request.streamOptions, streamOptions),
            optional(root["seed"], into: &request.seed, integer),
            optional(root["user"], into: &request.user, string)
        else { return nil }
        return request
    }

    private static let toolCallFields: [String] = ["id", "type", "function"]
    private static let callFunctionFields: [String] = ["name", "arguments"]
    private static let toolFields: [String] = ["type", "function"]
    private static let toolFunctionFields: [String] = ["name", "description", "parameters", "strict"]
    private static let streamOptionFields: [String] = ["include_usage", "include_obfuscation"]

    /// Whether every key of the object is one the reader knows.
    /// The fields nearly every request and message has, found without hashing.
    static let commonRequestFields = ["model", "messages", "tools", "stream"]
    static let commonMessageFields = ["role", "content"]

    /// Whether every key is known: in `common` (a few of `known`, compared in place) or in `known`.
    private static func knows(_ object: FastJSON.Members, _ known: Set<String>, common: [String] = []) -> Bool {
        object.keys.allSatisfy { key in common.contains(key) || known.contains(key) }
    }

    /// Whether every key is one of a handful.
    private static func knows(_ object: FastJSON.Members, _ known: [String]) -> Bool {
        object.keys.allSatisfy(known.contains)
    }

    /// Reads an optional field: absent or `null` is `nil`; a value that does not convert fails.
    private static func optional<Value>(_ value: FastJSON?, into field: inout Value?, _ convert: (FastJSON) -> Value?) -> Bool {
        guard let value, value != .null else { return true }
        guard let converted = convert(value) else { return false }
        field = converted
        return true
    }

    private static func message(_ value: FastJSON) -> ChatMessage? {
        guard case .object(let fields) = value, knows(fields, RequestFields.messageDocumented, common: commonMessageFields),
            case .string(let roleName)? = fields["role"], let role = Role(rawValue: roleName)
        else { return nil }
        var message = ChatMessage(role: role, content: nil)
        guard
            optional(fields["content"], into: &message.content, string),
            optional(fields["name"], into: &message.name, string),
            optional(fields["tool_calls"], into: &message.toolCalls, toolCalls),
            optional(fields["tool_call_id"], into: &message.toolCallID, string)
        else { return nil }
        return message
    }

    private static func toolCalls(_ value: FastJSON) -> [ToolCall]? {
        guard case .array(let items) = value else { return nil }
        var calls: [ToolCall] = []
        for item in items {
            guard case .object(let fields) = item, knows(fields, toolCallFields),
                case .string(let id)? = fields["id"], case .string(let type)? = fields["type"],
                case .object(let function)? = fields["function"], knows(function, callFunctionFields),
                case .string(let name)? = function["name"], case .string(let arguments)? = function["arguments"]
            else { return nil }
            var call = ToolCall(id: id, name: name, arguments: arguments)
            call.type = type
            calls.append(call)
        }
        return calls
    }

    private static func tools(_ value: FastJSON) -> [ToolDefinition]? {
        guard case .array(let items) = value else { return nil }
        var tools: [ToolDefinition] = []
        for item in items {
            guard case .object(let fields) = item, knows(fields, toolFields), case .string(let type)? = fields["type"],
                case .object(let function)? = fields["function"], knows(function, toolFunctionFields),
                case .string(let name)? = function["name"]
            else { return nil }
            var tool = ToolDefinition(name: name)
            tool.type = type
            guard optional(function["description"], into: &tool.function.description, string) else { return nil }
            tools.append(tool)
        }
        return tools
    }

    private static func streamOptions(_ value: FastJSON) -> ChatCompletionRequest.StreamOptions? {
        guard case .object(let fields) = value, knows(fields, streamOptionFields) else { return nil }
        var options = ChatCompletionRequest.StreamOptions()
        guard optional(fields["include_usage"], into: &options.includeUsage, bool) else { return nil }
        return options
    }

    /// Strings and objects of strings only: numbers in a JSONValue are left to JSONDecoder.
    private static func jsonValue(_ value: FastJSON) -> JSONValue? {
        switch value {
        case .string(let text): return .string(text)
        case .object(let members):
            var converted: [String: JSONValue] = [:]
            for (key, member) in zip(members.keys, members.values) {
                guard let item = jsonValue(member) else { return nil }
                converted[key] = item
            }
            return .object(converted)
        default: return nil
        }
    }

    private static func string(_ value: FastJSON) -> String? {
        if case .string(let text) = value { text } else { nil }
    }

    private static func bool(_ value: FastJSON) -> Bool? {
        if case .bool(let flag) = value { flag } else { nil }
    }

    /// Plain integers only (no fraction, no exponent) that fit an `Int`.
    private static func integer(_ value: FastJSON) -> Int? {
        guard case .number(let text) = value, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        return Int(text)
    }

    /// Finite numbers of at most 15 significant digits, which every parser reads alike.
    private static func double(_ value: FastJSON) -> Double? {
        guard case .number(let text) = value, text.count <= 15, let number = Double(text), number.isFinite else { return nil }
        return number
    }
}
