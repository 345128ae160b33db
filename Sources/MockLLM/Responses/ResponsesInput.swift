import Foundation
import LabKit

/// Reads a Responses API request (`POST /v1/responses`) as the chat request the scenarios judge:
/// `instructions` become a system message, `input` (a string, or items: messages, function calls
/// and their outputs) the conversation, function tools the tools offered, `max_output_tokens` the
/// token limit. Other item and tool types (reasoning, web search, …) are accepted and left out.
enum ResponsesInput {
    /// The chat request, with the fields the Responses API adds beyond it left aside.
    ///
    /// - Throws: ``OpenAIHTTPError`` (400) naming the field at fault.
    static func chatRequest(from bytes: Data) throws -> ChatCompletionRequest {
        let document: JSONValue
        do {
            document = try ChatWire.decode(JSONValue.self, from: bytes)
        } catch {
            let message = BodyEncoding.problem(in: bytes) ?? "We could not parse the JSON body of your request."
            throw OpenAIHTTPError(.badRequest, message: message)
        }
        guard let root = document.objectValue else { throw invalid("the body must be a JSON object", param: nil) }
        guard case .string(let model)? = root["model"], !model.isEmpty else { throw invalid("'model' must be a non-empty string", param: "model") }
        var messages: [ChatMessage] = []
        if let instructions = root["instructions"], instructions != .null {
            guard case .string(let text) = instructions else { throw invalid("'instructions' must be a string", param: "instructions") }
            messages.append(.system(text))
        }
        switch root["input"] {
        case .string(let text)?:
            messages.append(.user(text))
        case .array(let items)?:
            messages += try conversation(items)
        default:
            throw invalid("'input' must be a string or an array of items", param: "input")
        }
        guard !messages.isEmpty else { throw invalid("'input' must hold at least one item", param: "input") }
        var request = ChatCompletionRequest(model: model, messages: messages)
        request.tools = try tools(root["tools"])
        if case .bool(let stream)? = root["stream"] { request.stream = stream }
        if case .integer(let limit)? = root["max_output_tokens"] { request.maxCompletionTokens = limit }
        return request
    }

    private static func conversation(_ items: [JSONValue]) throws -> [ChatMessage] {
        var messages: [ChatMessage] = []
        var pendingCalls: [ToolCall] = []
        func flushCalls() {
            guard !pendingCalls.isEmpty else { return }
            messages.append(.assistant(toolCalls: pendingCalls))
            pendingCalls = []
        }
        for (index, item) in items.enumerated() {
            let place = "input[\(index)]"
            guard let fields = item.objectValue else { throw invalid("\(place) must be an object", param: place) }
            switch fields["type"]?.stringValue ?? "message" {
            case "function_call":
                guard let name = fields["name"]?.stringValue, let callID = fields["call_id"]?.stringValue else {
                    throw invalid("\(place) (a function_call) needs \"name\" and \"call_id\"", param: place)
                }
                pendingCalls.append(ToolCall(id: callID, name: name, arguments: fields["arguments"]?.stringValue ?? "{}"))
            case "function_call_output":
                flushCalls()
                guard let callID = fields["call_id"]?.stringValue else {
                    throw invalid("\(place) (a function_call_output) needs \"call_id\"", param: place)
                }
                messages.append(.tool(text(fields["output"]) ?? "", callID: callID))
            case "message":
                flushCalls()
                guard let roleName = fields["role"]?.stringValue, let role = Role(rawValue: roleName) else {
                    throw invalid("\(place).role must be user, assistant, system or developer", param: "\(place).role")
                }
                messages.append(ChatMessage(role: role, content: text(fields["content"]) ?? ""))
            default:
                continue
            }
        }
        flushCalls()
        return messages
    }

    /// A string, or the text parts of an array of content parts joined by newlines.
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        default: return nil
        }
    }

    private static func tools(_ value: JSONValue?) throws -> [ToolDefinition]? {
        guard let value, value != .null else { return nil }
        guard let items = value.arrayValue else { throw invalid("'tools' must be an array", param: "tools") }
        return items.compactMap { tool in
            guard tool["type"]?.stringValue == "function", let name = tool["name"]?.stringValue else { return nil }
            return ToolDefinition(name: name, description: tool["description"]?.stringValue)
        }
    }

    private static func invalid(_ message: String, param: String?) -> OpenAIHTTPError {
        OpenAIHTTPError(.badRequest, message: "Invalid request: \(message).", param: param)
    }
}
