import ArgumentParser
import Foundation
import MockLLM

/// `mock-llm record`: a proxy that writes a real model's answers into a scenario file.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a real model's conversations into a scenario file that `mock-llm --scenario FILE` replays offline.",
        discussion: """
            Listens like the server and forwards every /v1/… request to --upstream, sending \
            OPENAI_API_KEY (when set; else the client's own Authorization header) as the key, \
            which is never written to the file. Each chat completion becomes a rule keyed on the \
            conversation's digest, answering with the model's text and tool calls exactly as sent \
            (streams are gathered and replay as streams when asked for); an error becomes a fault \
            with its status; a conversation sent again adds a step. The file is rewritten after \
            every exchange. Stop with Ctrl-C.

            Example: mock-llm record --upstream https://api.openai.com/v1 --out lab04.json --port 8080, \
            then OPENAI_BASE_URL=http://127.0.0.1:8080/v1 swift run lab04-autonomy, then \
            mock-llm --scenario lab04.json --strict to replay.
            """
    )

    @Option(help: "The API root to forward to, such as https://api.openai.com/v1.")
    var upstream: String

    @Option(name: .shortAndLong, help: "The scenario file to write.")
    var out: String

    @OptionGroup var server: ServerOptions

    func validate() throws {
        guard let url = URL(string: upstream), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--upstream must be an http or https URL such as https://api.openai.com/v1.")
        }
        guard !out.isEmpty else { throw ValidationError("--out must name a file.") }
    }

    func run() async throws {
        guard let upstreamURL = URL(string: upstream) else { throw ValidationError("--upstream is not a URL.") }
        let apiKey = ProcessInfo.processInfo.environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        let output = out
        let scenario = try await RecordingProxy.serve(upstream: upstreamURL, output: output, apiKey: apiKey, configuration: server.configuration()) { url in
            FileHandle.standardOutput.write(Data("mock-llm: recording \(upstreamURL) into \(output), listening on \(url)\n".utf8))
        }
        print("mock-llm: recorded \(scenario.rules.count) conversation\(scenario.rules.count == 1 ? "" : "s") into \(output)")
    }
}
