import ArgumentParser
import Foundation
import LabKit
import Logging
import MockLLM

/// `mock-llm`: the scriptable OpenAI-compatible server on its own, and its recorder (started from
/// `main.swift`).
struct MockLLMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-llm",
        abstract: "An offline, scriptable server that answers like OpenAI's chat completions and Responses APIs.",
        discussion: """
            The server follows a scenario: rules matched against the whole conversation (first \
            match wins) that answer with text, tool calls or faults (errors with Retry-After, \
            delays, hangs, dropped connections, malformed bodies, streams cut short). Answers are \
            deterministic: the same seed and request give the same bytes, ids included.

            Point any OpenAI client at the printed URL: OPENAI_BASE_URL=http://127.0.0.1:8080/v1 \
            with any API key.

            Routes: POST /v1/chat/completions, POST /v1/responses, GET /v1/models, GET /health, GET /_mock/requests \
            (journal), GET /_mock/verdict (the client's handling of failures), POST /_mock/reset, \
            POST /_mock/scenario (load another scenario).
            Scenario files are described in docs/scenarios.md.

            `mock-llm` alone is `mock-llm serve`; `mock-llm serve --help` lists its options, \
            `mock-llm record --help` how to record a real model's conversations for replay.
            """,
        subcommands: [ServeCommand.self, RecordCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
