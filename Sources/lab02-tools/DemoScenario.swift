import ArgumentParser

/// What `--scenario` can pick: a story the mock model and the demo's tool play together.
enum DemoScenario: String, CaseIterable, ExpressibleByArgument {
    /// The question, one tool call, the answer.
    case standard
    /// The tool times out on its first attempt; the retry waits 1s and tries again.
    case flakyTool = "flaky-tool"
    /// The model answers 429 (rate limited) once; the demo waits and asks again.
    case rateLimited = "rate-limited"

    /// The built-in mock scenario: lab02-tools, which rate-limits a question that says "urgent".
    var mockScenario: String { "lab02-tools" }

    /// The question the story asks, unless `--question` says otherwise.
    var question: String {
        self == .rateLimited ? "Urgent: is server 192.168.1.10 online?" : "Is server 192.168.1.10 online?"
    }

    /// How many times the tool fails before it works.
    var toolFailures: Int { self == .flakyTool ? 1 : 0 }

    static var help: String {
        "standard (the default), flaky-tool (the tool fails once and is retried) or rate-limited (the model answers 429 once)"
    }
}
