import LabKit

/// `get_server_status(ip)` as a tool a model can call: a function with one required string
/// parameter, `ip`.
public func serverStatusTool() throws -> ToolDefinition {
    ToolDefinition(
        name: "get_server_status",
        description: "Returns whether the server at an IPv4 address is online, and its load. Use it to answer any question about a server's status.",
        parameters: [
            "type": "object",
            "properties": [
                "ip": [
                    "type": "string",
                    "description": "The server's IPv4 address, for example 192.168.1.10.",
                ],
            ],
            "required": ["ip"],
            "additionalProperties": false,
        ]
    )
}
