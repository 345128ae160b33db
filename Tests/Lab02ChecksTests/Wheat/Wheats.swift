import Foundation
import Lab02Checks
import Lab02ToolsSolution
import LabChecks
import LabKit

typealias Wheat = KnownVariant<Lab02Exercises>

/// Correct lab 02 implementations written otherwise than the reference: each must pass every check.
let wheats: [Wheat] = [
    Wheat(name: "schema: decoded from a JSON document, with an example and a pattern", subject: solution { $0.serverStatusTool = {
        try ChatWire.decode(ToolDefinition.self, from: Data(schemaDocument.utf8))
    } }),
    Wheat(name: "arguments: read with JSONSerialization, field by field", subject: solution { $0.decodeArguments = { call in
        try serializationDecode(call)
    } }),
    Wheat(name: "execute: a Result built from the lookup, then one switch", subject: solution { $0.executeToolCall = { call, registry in
        await resultExecute(call, registry)
    } }),
    Wheat(name: "retry: the tool checked by name first, the failure as a Result", subject: solution { $0.executeToolCallRetrying = { call, registry, retry in
        guard registry.names.contains(call.function.name), let tool = registry.tool(named: call.function.name) else {
            return await resultExecute(call, registry)
        }
        let outcome: Result<String, any Error>
        do { outcome = .success(try await retry { try await tool.run(call) }) } catch { outcome = .failure(error) }
        switch outcome {
        case .success(let output): return ChatMessage(role: .tool, content: output, toolCallID: call.id)
        case .failure(let error): return ChatMessage(role: .tool, content: "Error: \(error)", toolCallID: call.id)
        }
    } }),
    Wheat(name: "exchange: written plainly with a while loop", subject: plainExchange),
    Wheat(name: "exchange: the model's message rebuilt field by field", subject: solution { exercises in
        let original = exercises.answerQuestion
        exercises.answerQuestion = { question, model, registry, retry in
            try await original(question, Rebuilding(base: model), registry, retry)
        }
    }),
]

private let schemaDocument = #"""
{"type": "function", "function": {"name": "get_server_status",
 "description": "Look up a server by its IPv4 address and report whether it is online and how loaded it is.",
 "parameters": {"type": "object", "additionalProperties": false, "required": ["ip"],
  "properties": {"ip": {"type": "string", "description": "IPv4 address of the server", "examples": ["192.168.1.10"],
                        "pattern": "^\\d{1,3}(\\.\\d{1,3}){3}$"}}}}}
"""#

private func serializationDecode(_ call: ToolCall) throws -> ServerStatusArguments {
    let tool = call.function.name
    let parsed: Any
    do {
        parsed = try JSONSerialization.jsonObject(with: Data(call.function.arguments.utf8), options: [.fragmentsAllowed])
    } catch {
        throw ToolError.invalidArguments(tool: tool, reason: "not JSON: \(call.function.arguments.prefix(40))")
    }
    guard let object = parsed as? [String: Any] else {
        throw ToolError.invalidArguments(tool: tool, reason: "expected a JSON object")
    }
    guard let value = object["ip"], !(value is NSNull) else {
        throw ToolError.invalidArguments(tool: tool, reason: "missing ip")
    }
    guard let ip = value as? String else {
        throw ToolError.invalidArguments(tool: tool, reason: "ip must be a string like \"192.168.1.10\"")
    }
    return ServerStatusArguments(ip: ip)
}

private func resultExecute(_ call: ToolCall, _ registry: ToolRegistry) async -> ChatMessage {
    let outcome: Result<String, any Error>
    if let tool = registry.tool(named: call.function.name) {
        do { outcome = .success(try await tool.run(call)) } catch { outcome = .failure(error) }
    } else {
        outcome = .failure(ToolError.unknownTool(name: call.function.name, available: registry.names))
    }
    switch outcome {
    case .success(let output): return .tool(output, callID: call.id)
    case .failure(let error): return .tool("ERROR: \(error)", callID: call.id)
    }
}

/// Hands back each answer's message rebuilt from its fields.
private struct Rebuilding: ChatModel {
    let base: any ChatModel

    func complete(_ request: ChatCompletionRequest) async throws -> ChatCompletionResponse {
        var response = try await base.complete(request)
        if let message = response.choices.first?.message {
            response.choices[0].message = ChatMessage(role: message.role, content: message.content, toolCalls: message.toolCalls)
        }
        return response
    }
}
