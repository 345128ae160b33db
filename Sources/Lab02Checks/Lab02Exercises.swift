import LabKit

/// Lab 02's exercises as values, so that one check suite can run against any implementation.
///
/// The labs module, the solutions module and the kit's own buggy and alternative versions each
/// provide one. Every closure may throw, so that an unwritten exercise can say so
/// (`LabError.notImplemented`); the contracts say which other errors, if any, are allowed. Students never build this type: their module's `Exercises.swift` does it for them.
public struct Lab02Exercises: Sendable {
    /// `serverStatusTool()`.
    public typealias Describe = @Sendable () throws -> ToolDefinition

    /// `decodeArguments(_:from:)`, used with ``ServerStatusArguments``.
    public typealias Decode = @Sendable (_ call: ToolCall) throws -> ServerStatusArguments

    /// `executeToolCall(_:registry:)`.
    public typealias Execute = @Sendable (_ call: ToolCall, _ registry: ToolRegistry) async throws -> ChatMessage

    /// `executeToolCall(_:registry:retry:)`.
    public typealias ExecuteRetrying = @Sendable (_ call: ToolCall, _ registry: ToolRegistry, _ retry: ToolRetry) async throws -> ChatMessage

    /// `answerQuestion(_:model:registry:retry:)`.
    public typealias Answer = @Sendable (
        _ question: String, _ model: any ChatModel, _ registry: ToolRegistry, _ retry: ToolRetry
    ) async throws -> ToolExchange

    public var serverStatusTool: Describe
    public var decodeArguments: Decode
    public var executeToolCall: Execute
    public var executeToolCallRetrying: ExecuteRetrying
    public var answerQuestion: Answer

    public init(
        serverStatusTool: @escaping Describe,
        decodeArguments: @escaping Decode,
        executeToolCall: @escaping Execute,
        executeToolCallRetrying: @escaping ExecuteRetrying,
        answerQuestion: @escaping Answer
    ) {
        self.serverStatusTool = serverStatusTool
        self.decodeArguments = decodeArguments
        self.executeToolCall = executeToolCall
        self.executeToolCallRetrying = executeToolCallRetrying
        self.answerQuestion = answerQuestion
    }
}

/// The arguments of `get_server_status`: `{"ip": "192.168.1.10"}`.
public struct ServerStatusArguments: Decodable, Sendable, Hashable {
    /// The server's IPv4 address.
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// Runs an operation again while it fails, as chapter 11's `executeWithRetry` does: passed in,
/// so that lab 02 needs no other chapter's code.
///
/// It returns the first value the operation gives, or throws once it gives up. See
/// ``ScheduleRetry`` for the one the checks and the demo pass.
public typealias ToolRetry = @Sendable (_ operation: @Sendable () async throws -> String) async throws -> String

/// What `answerQuestion` returns: the model's answer and every message of the exchange.
public struct ToolExchange: Sendable, Hashable {
    /// The text of the model's last message.
    public var answer: String
    /// The whole conversation, oldest first: the question, the model's tool calls, the tool
    /// results, and the answer.
    public var messages: [ChatMessage]

    public init(answer: String, messages: [ChatMessage]) {
        self.answer = answer
        self.messages = messages
    }
}
