import Foundation
import Lab02Checks
import Lab02ToolsSolution
import LabChecks
import LabKit

typealias Chaff = KnownVariant<Lab02Exercises>

/// The reference solution with one change.
func solution(_ change: (inout Lab02Exercises) -> Void) -> Lab02Exercises {
    var exercises = Lab02ToolsSolution.exercises
    change(&exercises)
    return exercises
}

/// The reference tool definition with a changed schema.
func statusTool(description: String? = "Returns whether the server at an IPv4 address is online, and its load.",
                name: String = "get_server_status", parameters: JSONValue) -> ToolDefinition {
    ToolDefinition(name: name, description: description, parameters: parameters)
}

let ipProperty: JSONValue = ["type": "string", "description": "The server's IPv4 address."]

/// Every known-buggy lab 02 implementation and the checks that must catch it.
let chaffs: [Chaff] = schemaChaffs + argumentChaffs + executionChaffs + retryChaffs + exchangeChaffs

let schemaChaffs: [Chaff] = [
    Chaff(name: "schema: the tool is called getServerStatus", subject: solution { $0.serverStatusTool = {
        statusTool(name: "getServerStatus", parameters: ["type": "object", "properties": ["ip": ipProperty], "required": ["ip"]])
    } }, caughtBy: ["lab02.schema.named-and-described", "lab02.http.exchange-over-the-wire"]),
    Chaff(name: "schema: no description", subject: solution { $0.serverStatusTool = {
        statusTool(description: nil, parameters: ["type": "object", "properties": ["ip": ipProperty], "required": ["ip"]])
    } }, caughtBy: ["lab02.schema.named-and-described"]),
    Chaff(name: "schema: ip is not required", subject: solution { $0.serverStatusTool = {
        statusTool(parameters: ["type": "object", "properties": ["ip": ipProperty]])
    } }, caughtBy: ["lab02.schema.object-with-required-ip", "lab02.http.exchange-over-the-wire"]),
    Chaff(name: "schema: ip typed as a number", subject: solution { $0.serverStatusTool = {
        statusTool(parameters: ["type": "object", "properties": ["ip": ["type": "number", "description": "The address."]], "required": ["ip"]])
    } }, caughtBy: ["lab02.schema.object-with-required-ip"]),
    Chaff(name: "schema: ip has no description", subject: solution { $0.serverStatusTool = {
        statusTool(parameters: ["type": "object", "properties": ["ip": ["type": "string"]], "required": ["ip"]])
    } }, caughtBy: ["lab02.schema.ip-described"]),
]

let argumentChaffs: [Chaff] = [
    Chaff(name: "arguments: try? decode, an empty ip when it fails", subject: solution { $0.decodeArguments = { call in
        (try? JSONDecoder().decode(ServerStatusArguments.self, from: Data(call.function.arguments.utf8))) ?? ServerStatusArguments(ip: "")
    } }, caughtBy: ["lab02.arguments.malformed-json", "lab02.arguments.missing-field", "lab02.arguments.wrong-type", "lab02.arguments.anything-else"]),
    Chaff(name: "arguments: the DecodingError escapes", subject: solution { $0.decodeArguments = { call in
        try JSONDecoder().decode(ServerStatusArguments.self, from: Data(call.function.arguments.utf8))
    } }, caughtBy: ["lab02.arguments.malformed-json", "lab02.arguments.missing-field", "lab02.arguments.wrong-type", "lab02.arguments.anything-else"]),
    Chaff(name: "arguments: one vague reason for every failure", subject: solution { $0.decodeArguments = { call in
        do {
            return try JSONDecoder().decode(ServerStatusArguments.self, from: Data(call.function.arguments.utf8))
        } catch {
            throw ToolError.invalidArguments(tool: call.function.name, reason: "the arguments could not be decoded")
        }
    } }, caughtBy: ["lab02.arguments.missing-field", "lab02.arguments.wrong-type"]),
    Chaff(name: "arguments: unknown fields rejected", subject: solution { $0.decodeArguments = { call in
        let object = try? JSONSerialization.jsonObject(with: Data(call.function.arguments.utf8)) as? [String: Any]
        guard let object, object.keys.sorted() == ["ip"], let ip = object["ip"] as? String else {
            throw ToolError.invalidArguments(tool: call.function.name, reason: "expected exactly one field, ip, a string")
        }
        return ServerStatusArguments(ip: ip)
    } }, caughtBy: ["lab02.arguments.valid"]),
    Chaff(name: "arguments: the error names the wrong tool", subject: solution { $0.decodeArguments = { call in
        do {
            return try decodeArguments(ServerStatusArguments.self, from: call)
        } catch ToolError.invalidArguments(_, let reason) {
            throw ToolError.invalidArguments(tool: "arguments", reason: reason)
        }
    } }, caughtBy: ["lab02.arguments.malformed-json", "lab02.arguments.missing-field", "lab02.arguments.wrong-type"]),
]

let executionChaffs: [Chaff] = [
    Chaff(name: "execute: the tool message has no tool_call_id", subject: solution { $0.executeToolCall = { call, registry in
        let message = try await executeToolCall(call, registry: registry)
        return ChatMessage(role: .tool, content: message.content)
    } }, caughtBy: ["lab02.execute.result-message"]),
    Chaff(name: "execute: answers with an assistant message", subject: solution { $0.executeToolCall = { call, registry in
        let message = try await executeToolCall(call, registry: registry)
        return ChatMessage(role: .assistant, content: message.content, toolCallID: call.id)
    } }, caughtBy: ["lab02.execute.result-message", "lab02.execute.unknown-tool", "lab02.execute.tool-error"]),
    Chaff(name: "execute: re-encodes the arguments before running the tool", subject: solution { $0.executeToolCall = { call, registry in
        let parsed = (try? call.parsedArguments()).map(ChatWire.string(from:)) ?? call.function.arguments
        return try await executeToolCall(ToolCall(id: call.id, name: call.function.name, arguments: parsed), registry: registry)
    } }, caughtBy: ["lab02.execute.raw-arguments"]),
    Chaff(name: "execute: runs the registry's first tool whatever the name", subject: solution { $0.executeToolCall = { call, registry in
        guard let tool = registry.tools.first else { return .tool("error: no tools", callID: call.id) }
        do { return .tool(try await tool.run(call), callID: call.id) } catch { return .tool("error: \(error)", callID: call.id) }
    } }, caughtBy: ["lab02.execute.named-tool", "lab02.execute.unknown-tool"]),
    Chaff(name: "execute: an unknown tool answered without saying error", subject: solution { $0.executeToolCall = { call, registry in
        guard registry.tool(named: call.function.name) != nil else { return .tool("No tool named \(call.function.name).", callID: call.id) }
        return try await executeToolCall(call, registry: registry)
    } }, caughtBy: ["lab02.execute.unknown-tool"]),
    Chaff(name: "execute: the tool's error escapes", subject: solution { $0.executeToolCall = { call, registry in
        guard let tool = registry.tool(named: call.function.name) else { return try await executeToolCall(call, registry: registry) }
        return .tool(try await tool.run(call), callID: call.id)
    } }, caughtBy: ["lab02.execute.tool-error"]),
    Chaff(name: "execute: a failed tool answers with empty content", subject: solution { $0.executeToolCall = { call, registry in
        guard let tool = registry.tool(named: call.function.name) else { return try await executeToolCall(call, registry: registry) }
        return .tool((try? await tool.run(call)) ?? "", callID: call.id)
    } }, caughtBy: ["lab02.execute.tool-error"]),
]

let retryChaffs: [Chaff] = [
    Chaff(name: "retry: wraps executeToolCall, which never throws, so nothing is retried", subject: solution { $0.executeToolCallRetrying = { call, registry, retry in
        let content = try await retry { try await executeToolCall(call, registry: registry).content ?? "" }
        return .tool(content, callID: call.id)
    } }, caughtBy: ["lab02.retry.flaky-tool-recovers", "lab02.retry.gives-up-as-message"]),
    Chaff(name: "retry: an unknown tool goes through the retry too", subject: solution { $0.executeToolCallRetrying = { call, registry, retry in
        do {
            let output = try await retry {
                guard let tool = registry.tool(named: call.function.name) else {
                    throw ToolError.unknownTool(name: call.function.name, available: registry.names)
                }
                return try await tool.run(call)
            }
            return .tool(output, callID: call.id)
        } catch {
            return .tool("error: \(error)", callID: call.id)
        }
    } }, caughtBy: ["lab02.retry.unknown-tool-not-retried"]),
    Chaff(name: "retry: runs the tool once to try it, then again through the retry", subject: solution { $0.executeToolCallRetrying = { call, registry, retry in
        if let tool = registry.tool(named: call.function.name) {
            _ = try? await tool.run(call)
        }
        return try await executeToolCall(call, registry: registry, retry: retry)
    } }, caughtBy: ["lab02.retry.flaky-tool-recovers", "lab02.retry.one-run-when-it-works", "lab02.retry.gives-up-as-message"]),
    Chaff(name: "retry: gives up by throwing", subject: solution { $0.executeToolCallRetrying = { call, registry, retry in
        guard let tool = registry.tool(named: call.function.name) else { return try await executeToolCall(call, registry: registry) }
        return .tool(try await retry { try await tool.run(call) }, callID: call.id)
    } }, caughtBy: ["lab02.retry.gives-up-as-message"]),
]
