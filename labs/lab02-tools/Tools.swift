import LabKit

// Exercise 1 of lab 02: describe a tool.
// The assignment: labs/lab02-tools/README.md. Check your work: swift run lab02-tools check

/// `get_server_status(ip)` as a tool a model can call.
///
/// The contract the checks hold you to (`lab02.schema.*`):
/// - A function tool named `get_server_status`, whose description (three words or more) tells a
///   model what the tool returns and when to use it.
/// - `parameters` is a JSON Schema object with exactly one property, `ip`: a string, with a
///   description (two words or more) of what goes there.
/// - `ip` is listed in `required`, and nothing else is.
///
/// - Returns: The definition to offer in `ChatCompletionRequest.tools`.
/// - Throws: Nothing once written; the stub throws `LabError.notImplemented`.
public func serverStatusTool() throws -> ToolDefinition {
    throw LabError.notImplemented("serverStatusTool()")
}
