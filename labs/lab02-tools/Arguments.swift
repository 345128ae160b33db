import Foundation
import LabKit

// Exercise 2 of lab 02: typed arguments.
// The assignment: labs/lab02-tools/README.md. Check your work: swift run lab02-tools check

/// Decodes a tool call's arguments (`call.function.arguments`, a JSON object in a string) into
/// `type`.
///
/// The contract the checks hold you to (`lab02.arguments.*`), used with
/// `ServerStatusArguments` (`{"ip": "192.168.1.10"}`):
/// - Valid arguments decode; fields the type does not have are ignored.
/// - Whatever else the model wrote (not JSON, not an object, a field missing, a field of the
///   wrong type or null) throws `ToolError.invalidArguments(tool:reason:)`, with `tool` the
///   call's function name. Never crash, never throw a `DecodingError`.
/// - When a field is to blame, the reason names it as a word: `the required field "ip" is
///   missing`. The reason goes back to the model, which can then correct its call.
///
/// - Parameters:
///   - type: What the arguments should decode to.
///   - call: The model's tool call.
/// - Returns: The decoded arguments.
public func decodeArguments<Arguments: Decodable>(_ type: Arguments.Type, from call: ToolCall) throws -> Arguments {
    throw LabError.notImplemented("decodeArguments(_:from:)")
}
