import Foundation
import LabKit

/// Decodes a tool call's arguments into `type`.
///
/// - Throws: `ToolError.invalidArguments(tool:reason:)` for arguments that are not a JSON
///   object, lack a field or hold a value of the wrong type; the reason names the field.
public func decodeArguments<Arguments: Decodable>(_ type: Arguments.Type, from call: ToolCall) throws -> Arguments {
    let tool = call.function.name
    do {
        return try JSONDecoder().decode(type, from: Data(call.function.arguments.utf8))
    } catch DecodingError.keyNotFound(let key, _) {
        throw ToolError.invalidArguments(tool: tool, reason: "the required field \"\(key.stringValue)\" is missing")
    } catch DecodingError.typeMismatch(let expected, let context) where !context.codingPath.isEmpty {
        throw ToolError.invalidArguments(tool: tool, reason: "the field \(field(context)) should be \(expected)")
    } catch DecodingError.valueNotFound(let expected, let context) where !context.codingPath.isEmpty {
        throw ToolError.invalidArguments(tool: tool, reason: "the field \(field(context)) should be \(expected), not null")
    } catch {
        throw ToolError.invalidArguments(tool: tool, reason: "the arguments are not a valid JSON object")
    }
}

/// The field a decoding error is about, quoted: `"ip"`, or `"server.ip"` when nested.
private func field(_ context: DecodingError.Context) -> String {
    let path = context.codingPath.map(\.stringValue).joined(separator: ".")
    return "\"\(path)\""
}
