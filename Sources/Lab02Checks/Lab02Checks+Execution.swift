import LabChecks
import LabKit

extension Lab02Checks {
    static let executionHint = "Exercise 3 (Execution.swift): find the tool by call.function.name, run it for "
        + "the call, and answer with ChatMessage.tool(_:callID: call.id)."

    static let execution: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.execute.result-message",
            title: "A known tool answers with a tool message carrying its output and the call's tool_call_id",
            points: 2,
            hint: executionHint
        ) { exercises, _ in
            let message = try await exercises.executeToolCall(statusCall("call_A1"), statusRegistry())
            try expect(message.role, equals: .tool, "the role of the answer")
            try expect(message.toolCallID, equals: "call_A1", "tool_call_id (it must be the id of the call it answers)")
            try expect(message.content, equals: onlineStatus, "the content")
        },
        Check(
            id: "lab02.execute.raw-arguments",
            title: "The tool runs once, for the call exactly as the model wrote it",
            points: 1,
            hint: "Pass the call to the tool's run as it came; the tool decodes its arguments."
        ) { exercises, _ in
            let runs = Recorder<String>()
            let call = ToolCall(id: "call_B2", name: "get_server_status", arguments: #"{ "ip" : "10.1.2.3" }"#)
            _ = try await exercises.executeToolCall(call, statusRegistry(runs: runs))
            try expect(runs.all, equals: [#"{ "ip" : "10.1.2.3" }"#], "the arguments the tool ran on")
        },
        Check(
            id: "lab02.execute.named-tool",
            title: "Of several tools, only the one the call names runs",
            points: 1,
            hint: "Look the tool up with registry.tool(named: call.function.name)."
        ) { exercises, _ in
            let ran = Recorder<String>()
            let registry = ToolRegistry(["get_server_status", "restart_server", "get_logs"].map { name in
                Tool(ToolDefinition(name: name)) { _ in
                    ran.append(name)
                    return "\(name) ran"
                }
            })
            let call = ToolCall(id: "call_C3", name: "restart_server", arguments: #"{"ip":"10.0.0.1"}"#)
            let message = try await exercises.executeToolCall(call, registry)
            try expect(ran.all, equals: ["restart_server"], "the tools that ran")
            try expect(message.content, equals: "restart_server ran", "the content")
        },
        Check(
            id: "lab02.execute.unknown-tool",
            title: "An unknown tool answers with an error tool message that names it, and nothing runs",
            points: 2,
            hint: "When the registry has no such tool, return .tool(\"error: \\(ToolError.unknownTool(…))\", callID: call.id): "
                + "the model reads it and can pick a tool that exists."
        ) { exercises, _ in
            let runs = Recorder<String>()
            let call = ToolCall(id: "call_D4", name: "reboot_server", arguments: #"{"ip":"192.168.1.10"}"#)
            let message = try await exercises.executeToolCall(call, statusRegistry(runs: runs))
            try expectErrorMessage(message, answering: "call_D4", containing: "reboot_server")
            try expect(runs.count, equals: 0, "tool runs")
        },
        Check(
            id: "lab02.execute.tool-error",
            title: "A tool that throws answers with an error tool message carrying the error's text",
            points: 2,
            hint: "Catch the tool's error and return .tool(\"error: \\(error)\", callID: call.id); never let it escape."
        ) { exercises, _ in
            let registry = statusRegistry { _ in throw ToolFailure(reason: "connection refused by 192.168.1.10") }
            let message = try await exercises.executeToolCall(statusCall("call_E5"), registry)
            try expectErrorMessage(message, answering: "call_E5", containing: "connection refused by 192.168.1.10")
        },
    ]
}
