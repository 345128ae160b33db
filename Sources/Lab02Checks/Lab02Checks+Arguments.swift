import LabChecks
import LabKit

extension Lab02Checks {
    static let argumentsHint = "Exercise 2 (Arguments.swift): decode with JSONDecoder and turn every DecodingError into "
        + "ToolError.invalidArguments(tool:reason:) naming the tool and, where there is one, the field."

    static let arguments: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.arguments.valid",
            title: "Valid arguments decode into ServerStatusArguments; unknown fields are ignored",
            points: 1,
            hint: argumentsHint
        ) { exercises, _ in
            let plain = try exercises.decodeArguments(statusCall(ip: "192.168.1.10"))
            try expect(plain, equals: ServerStatusArguments(ip: "192.168.1.10"), "the decoded arguments")
            let extra = ToolCall(id: "call_2", name: "get_server_status", arguments: #" { "verbose": true, "ip": "10.0.0.7" } "#)
            try expect(try exercises.decodeArguments(extra), equals: ServerStatusArguments(ip: "10.0.0.7"), "the decoded arguments")
        },
        invalidArguments(
            id: "lab02.arguments.malformed-json",
            title: "Arguments that are not JSON give ToolError.invalidArguments, not a crash",
            arguments: #"{"ip": "192.168"#,
            mentioning: nil
        ),
        invalidArguments(
            id: "lab02.arguments.missing-field",
            title: "Arguments without ip give ToolError.invalidArguments that names the field",
            arguments: #"{"address": "192.168.1.10"}"#,
            mentioning: "ip"
        ),
        invalidArguments(
            id: "lab02.arguments.wrong-type",
            title: "An ip that is not a string gives ToolError.invalidArguments that names the field",
            arguments: #"{"ip": 192}"#,
            mentioning: "ip"
        ),
        Check(
            id: "lab02.arguments.anything-else",
            title: "Whatever else a model writes (empty, null, an array, a null ip) is ToolError.invalidArguments",
            points: 1,
            hint: argumentsHint
        ) { exercises, _ in
            for text in ["", "null", "[]", #""192.168.1.10""#, #"{"ip": null}"#, #"{"ip": ["192.168.1.10"]}"#] {
                let call = ToolCall(id: "call_odd", name: "get_server_status", arguments: text)
                let error = try await caughtError { _ = try exercises.decodeArguments(call) }
                guard case ToolError.invalidArguments? = error else {
                    throw CheckFailure("expected ToolError.invalidArguments for arguments \(show(text)), got \(outcome(error))")
                }
            }
        },
    ]

    /// A check that `arguments` give `ToolError.invalidArguments` for the call's tool, whose
    /// text contains `field` when given.
    static func invalidArguments(id: String, title: String, arguments: String, mentioning field: String?) -> Check<Lab02Exercises> {
        Check(id: id, title: title, points: 2, hint: argumentsHint) { exercises, _ in
            let call = ToolCall(id: "call_bad", name: "get_server_status", arguments: arguments)
            let error = try await caughtError { _ = try exercises.decodeArguments(call) }
            guard case ToolError.invalidArguments(let tool, let reason)? = error else {
                throw CheckFailure("expected ToolError.invalidArguments for arguments \(show(arguments)), got \(outcome(error))")
            }
            try expect(tool, equals: "get_server_status", "the tool named in the error")
            try expect(!reason.isEmpty, "expected a reason the model can read, got an empty one")
            if let field {
                let words = reason.split { !$0.isLetter && !$0.isNumber && $0 != "_" }
                try expect(words.contains { $0 == field },
                           "expected the reason to name the field \(show(field)), got \(show(reason))")
            }
        }
    }
}
