import LabChecks
import LabKit

extension Lab02Checks {
    static let schema: [Check<Lab02Exercises>] = [
        Check(
            id: "lab02.schema.named-and-described",
            title: "The tool is a function named get_server_status with a description a model can act on",
            points: 1,
            hint: "Exercise 1 (Tools.swift): ToolDefinition(name: \"get_server_status\", description: …) with a "
                + "sentence that says what the tool returns."
        ) { exercises, _ in
            let tool = try exercises.serverStatusTool()
            try expect(tool.type, equals: "function", "the tool's type")
            try expect(tool.name, equals: "get_server_status", "the tool's name")
            let words = (tool.function.description ?? "").split(whereSeparator: \.isWhitespace).count
            try expect(words >= 3, "expected a description of at least three words, got \(show(tool.function.description))")
        },
        Check(
            id: "lab02.schema.object-with-required-ip",
            title: "The parameters are a JSON Schema object whose only property, ip, is a required string",
            points: 2,
            hint: "parameters: [\"type\": \"object\", \"properties\": [\"ip\": [\"type\": \"string\", …]], \"required\": [\"ip\"]]."
        ) { exercises, _ in
            let parameters = try exercises.serverStatusTool().function.parameters
            try expect(parameters?["type"]?.stringValue, equals: "object", "parameters.type")
            let properties = parameters?["properties"]?.objectValue.map { Array($0.keys).sorted() }
            try expect(properties, equals: ["ip"], "the names in parameters.properties")
            try expect(parameters?["properties"]?["ip"]?["type"]?.stringValue, equals: "string", "properties.ip.type")
            let required = parameters?["required"]?.arrayValue?.compactMap(\.stringValue)
            try expect(required, equals: ["ip"], "parameters.required")
        },
        Check(
            id: "lab02.schema.ip-described",
            title: "The ip property has a description that says what to put there",
            points: 1,
            hint: "Give properties.ip a \"description\", such as \"The server's IPv4 address, e.g. 192.168.1.10\": "
                + "it is all the model knows about the field."
        ) { exercises, _ in
            let description = try exercises.serverStatusTool().function.parameters?["properties"]?["ip"]?["description"]?.stringValue
            let words = (description ?? "").split(whereSeparator: \.isWhitespace).count
            try expect(words >= 2, "expected properties.ip.description of at least two words, got \(show(description))")
        },
    ]
}
