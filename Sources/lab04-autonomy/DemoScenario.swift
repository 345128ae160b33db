import ArgumentParser
import Lab04Checks

/// What `--scenario` can pick: a story the mock model and the demo's tools play together.
enum DemoScenario: String, CaseIterable, ExpressibleByArgument {
    /// Check the disk, clean the logs, check again, report.
    case standard
    /// Cleaning the logs fails once; the error goes back to the model, which asks again.
    case failingTool = "failing-tool"
    /// The model calls check_disk for ever; the step limit ends the run.
    case runaway

    /// The built-in mock scenario: lab04-autonomy, whose model checks the disk for ever when
    /// asked to keep watching it.
    var mockScenario: String { "lab04-autonomy" }

    /// What the user asks.
    var request: String {
        self == .runaway ? "Keep watching the disk and tell me when it is safe." : "I'm out of disk space. Fix it."
    }

    /// How many times clean_logs fails before it works.
    var cleaningFailures: Int { self == .failingTool ? 1 : 0 }

    /// The budget the demo's agent gets.
    var budget: AgentBudget {
        self == .runaway ? AgentBudget(maxSteps: 6, maxWallTime: .seconds(300), maxTokens: 200_000) : .standard
    }

    static var help: String {
        "standard (the default), failing-tool (cleaning the logs fails once) or runaway (the model never stops calling tools)"
    }
}
