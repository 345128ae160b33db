import Ch21Checks
import Foundation
import LabKit

/// One agent task of the demo: a support ticket to answer. The worker builds the agent's state
/// with the student's `applyPatches`, picks what the model sees with `selectContext`, and asks
/// the model.
public struct AgentJob: Codable, Sendable {
    public var ticket: Int
    public var customer: String
    public var question: String

    /// The demo's ticket number `number`.
    public static func make(_ number: Int) -> AgentJob {
        let customers = ["acme", "globex", "initech", "umbrella", "hooli", "stark"]
        let questions = [
            "the disk on web-\(number % 7) is full", "deploys to staging fail since Monday",
            "the nightly backup took 3 hours", "p99 latency doubled after the release",
            "a certificate expires in 5 days", "the queue of invoices is stuck",
        ]
        return AgentJob(ticket: number, customer: customers[number % customers.count],
                        question: questions[(number / customers.count) % questions.count])
    }

    /// The job as a queue payload (JSON).
    public var payload: String {
        String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self)
    }

    public init(ticket: Int, customer: String, question: String) {
        self.ticket = ticket
        self.customer = customer
        self.question = question
    }

    /// Reads a job from a queue payload.
    public init(payload: String) throws {
        self = try JSONDecoder().decode(AgentJob.self, from: Data(payload.utf8))
    }

    /// The conversation for the model: the ticket's state, patched and cut to its context.
    public func messages(attempt: Int, exercises: Ch21Exercises) throws -> [ChatMessage] {
        let initial = AgentState(goal: "Answer ticket #\(ticket) from \(customer)",
                                 budget: Budget(maxSteps: 8, maxTokens: 4_000),
                                 plan: ["read", "answer"])
        let state = try exercises.applyPatches([
            .appendFacts([
                Fact(key: "customer", value: customer, source: "ticket"),
                Fact(key: "problem", value: question, source: "ticket"),
                Fact(key: "attempt", value: "\(attempt)", source: "queue"),
            ]),
            .addArtifacts([
                Artifact(id: "history-\(ticket)", step: "read", summary: "earlier tickets", bytes: 900),
                Artifact(id: "log-\(ticket)", step: "answer", summary: "the last 20 log lines", bytes: 300),
            ]),
            .addOpenQuestions(["Is it urgent?"]),
            .spend(steps: 1, tokens: 200),
        ], initial)
        let slice = try exercises.selectContext(state, "answer", 600)
        let facts = slice.facts.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        let artifacts = slice.artifacts.map(\.summary).joined(separator: ", ")
        return [
            .system("You are a support agent. Goal: \(slice.goal). Step: \(slice.currentStep)."),
            .user("Ticket #\(ticket). Facts: \(facts). Artifacts: \(artifacts). Open: \(slice.openQuestions.joined(separator: " "))"),
        ]
    }
}
