import Foundation
import LabKit
import Testing
@testable import MockLLM

@Suite("scenario engine")
struct ScenarioEngineTests {
    let identity = ResponseIdentity(seed: 0, requestHash: 1)

    func decide(_ scenario: Scenario, _ request: ChatCompletionRequest, attempt: Int = 1, strict: Bool = false, seed: UInt64 = 0, headers: [String: String] = [:]) -> Decision {
        let engine = ScenarioEngine(scenario: scenario, seed: seed, strict: strict)
        let conversation = Conversation(request: request) { headers[$0.lowercased()] }
        return engine.decide(conversation, attempt: attempt, requestHash: 1, identity: identity)
    }

    func text(_ decision: Decision) -> String? {
        if case .answer(let answer) = decision.action { answer.content } else { nil }
    }

    @Test("the first matching rule wins")
    func firstMatchWins() {
        let scenario = Scenario(name: "t", rules: [
            Rule(name: "specific", when: Conditions(lastUserContains: "disk"), reply: .text("one")),
            Rule(name: "general", reply: .text("two")),
        ])
        #expect(decide(scenario, Requests.user("DISK full")).rule == "specific")
        #expect(decide(scenario, Requests.user("hello")).rule == "general")
    }

    @Test("every condition kind holds and fails where it should")
    func conditionsMatch() {
        let request = ChatCompletionRequest(
            model: "m1",
            messages: [
                .system("You are terse."), .user("status of 10.1.2.3?"),
                .assistant(toolCalls: [ToolCall(id: "c1", name: "lookup", arguments: "{}")]),
                .tool("ONLINE", callID: "c1"),
            ],
            tools: [ToolDefinition(name: "lookup")]
        )
        let holding: [Conditions] = [
            Conditions(lastUserContains: "STATUS"), Conditions(lastUserMatches: #"\d+\.\d+"#),
            Conditions(systemContains: "terse"), Conditions(toolsOffered: ["lookup"]),
            Conditions(toolCalled: "lookup"), Conditions(toolNotCalled: "other"),
            Conditions(toolCalledTimes: .init(name: "lookup", times: 1)), Conditions(lastToolResultContains: "online"),
            Conditions(lastRole: .tool), Conditions(turn: 1), Conditions(model: "m1"),
            Conditions(header: .init(name: "x-lab", equals: "02")),
        ]
        let failing: [Conditions] = [
            Conditions(lastUserContains: "disk"), Conditions(lastUserMatches: "^bye"),
            Conditions(systemContains: "verbose"), Conditions(toolsOffered: ["lookup", "other"]),
            Conditions(toolCalled: "other"), Conditions(toolNotCalled: "lookup"),
            Conditions(toolCalledTimes: .init(name: "lookup", times: 2)), Conditions(lastToolResultContains: "offline"),
            Conditions(lastRole: .user), Conditions(turn: 0), Conditions(model: "m2"),
            Conditions(header: .init(name: "x-lab", equals: "04")),
        ]
        let conversation = Conversation(request: request) { $0.lowercased() == "x-lab" ? "02" : nil }
        for condition in holding {
            #expect(condition.evaluate(conversation).matched, "\(condition)")
        }
        for condition in failing {
            let evaluation = condition.evaluate(conversation)
            #expect(!evaluation.matched, "\(condition)")
            #expect(evaluation.failures.first?.reason.isEmpty == false)
        }
    }

    @Test("a sequence answers by attempt and its last step repeats")
    func sequenceByAttempt() {
        let scenario = Scenario(name: "t", rules: [
            Rule(name: "flaky", sequence: [.fault(.status(429), times: 2), .text("ok")]),
        ])
        let kinds = (1...4).map { attempt -> String in
            switch decide(scenario, Requests.user("x"), attempt: attempt).action {
            case .fault(let fault): "\(fault.effectiveStatus)"
            case .answer(let answer): answer.content ?? ""
            case .noMatch: "none"
            }
        }
        #expect(kinds == ["429", "429", "ok", "ok"])
    }

    @Test("strict mode names the nearest rule and the condition that failed")
    func strictNamesNearestRule() throws {
        let scenario = try ScenarioSource.builtIn("lab04-autonomy").load()
        var request = Requests.lab04()
        request.messages[1] = .user("My laptop is slow")
        let decision = decide(scenario, request, strict: true)
        guard case .noMatch(let message) = decision.action else {
            Issue.record("expected no match, got \(decision.action)")
            return
        }
        #expect(message.contains("Nearest rule: \"check the disk first\" (2 of 3 conditions held)"))
        #expect(message.contains("lastUserContains \"disk space\": the last user message is \"My laptop is slow\""))
        #expect(decision.rule == nil)
    }

    @Test("without strict mode an unmatched request gets a fallback text that explains the miss")
    func fallbackExplains() {
        let scenario = Scenario(name: "t", rules: [Rule(name: "only", when: Conditions(model: "x"), reply: .text("hi"))])
        let decision = decide(scenario, Requests.user("hello"))
        #expect(decision.rule == ScenarioEngine.fallbackRuleName)
        #expect(text(decision)?.contains("Nearest rule: \"only\"") == true)
        let withFallback = Scenario(name: "t", rules: scenario.rules, fallback: .text("I don't know."))
        #expect(text(decide(withFallback, Requests.user("hello"))) == "I don't know.")
    }

    @Test("templates fill in the user message, the tool result and regex groups")
    func templatesFill() {
        let scenario = Scenario(name: "t", rules: [
            Rule(
                name: "r",
                when: Conditions(lastUserMatches: #"deploy (\w+)"#),
                reply: Reply(toolCalls: [ScriptedToolCall(name: "deploy", arguments: ["app": "{{match.1}}", "n": 2, "note": "{{unknown}}"])])
            ),
        ])
        guard case .answer(let answer) = decide(scenario, Requests.user("please deploy billing now")).action else {
            Issue.record("expected an answer")
            return
        }
        #expect(answer.toolCalls.first?.function.arguments == #"{"app":"billing","n":2,"note":"{{unknown}}"}"#)
        #expect(answer.toolCalls.first?.id == identity.toolCallID(0))
        #expect(answer.finishReason == .toolCalls)
    }

    @Test("chaos faults depend only on the seed, the request and the attempt")
    func chaosIsSeeded() {
        let scenario = Scenario(name: "t", rules: [
            Rule(name: "r", reply: .text("ok"), chaos: Chaos(probability: 0.5, fault: .status(503))),
        ])
        func faults(seed: UInt64) -> [Bool] {
            (1...64).map { attempt in
                if case .fault = decide(scenario, Requests.user("x"), attempt: attempt, seed: seed).action { true } else { false }
            }
        }
        #expect(faults(seed: 1) == faults(seed: 1))
        #expect(faults(seed: 1) != faults(seed: 2))
        let rate = Double(faults(seed: 1).filter { $0 }.count) / 64
        #expect(rate > 0.25 && rate < 0.75)
    }

    @Test("invalid scenarios are rejected with the place and the reason", arguments: [
        (#"{"name": "s", "rules": [{"name": "a"}]}"#, "rule 1 (\"a\"): it needs a \"reply\" or a \"sequence\""),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"text": "x", "fault": {"status": 500}}}]}"#, "has no \"text\""),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"text": "x"}}, {"name": "a", "reply": {"text": "y"}}]}"#, "same name"),
        (#"{"name": "s", "rules": [{"name": "a", "when": {"lastUserMatches": "(unclosed"}, "reply": {"text": "x"}}]}"#, "not a valid regular expression"),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"fault": {"status": 200}}}]}"#, "status from 400 to 599"),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"text": 5}}]}"#, "rules[0].reply.text should be a string"),
        (#"{"rules": []}"#, "missing \"name\""),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"fault": {"kind": "explode"}}}]}"#, "rules[0].reply.fault.kind"),
        ("not json", "not valid JSON"),
        (#"{"name": "s", "rules": [{"name": "a", "reply": {"fault": {"status": 429, "retryAfterMS": 5}}}]}"#, "rules[0].reply.fault has an unknown field \"retryAfterMS\""),
        (#"{"name": "s", "rules": [{"name": "a", "when": {"lastUserContain": "x"}, "reply": {"text": "x"}}]}"#, "rules[0].when has an unknown field \"lastUserContain\""),
        (#"{"name": "s", "rule": []}"#, "the document has an unknown field \"rule\""),
    ])
    func invalidScenariosRejected(document: String, expected: String) {
        do {
            _ = try ScenarioSource.decode(Data(document.utf8), label: "test")
            Issue.record("accepted an invalid scenario")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test("a scenario that uses every field passes the field check, so the check knows every field")
    func everyFieldIsKnown() throws {
        let fault = Fault(kind: .error, status: 429, message: "m", type: "t", code: "c", param: "p", retryAfter: 1, retryAfterMs: 2, ms: 3, afterChunks: 4)
        let reply = Reply(text: "t", toolCalls: [ScriptedToolCall(name: "n", arguments: ["a": 1])], finishReason: .length, fault: fault, delayMs: 5, times: 2)
        let conditions = Conditions(
            lastUserContains: "a", lastUserMatches: "b", systemContains: "c", toolsOffered: ["d"], toolCalled: "e",
            toolNotCalled: "f", toolCalledTimes: .init(name: "g", times: 1), lastToolResultContains: "h", lastRole: .tool,
            turn: 1, model: "i", header: .init(name: "j", equals: "k", contains: "l")
        )
        let scenario = Scenario(
            name: "all", description: "d", models: ["m"],
            rules: [Rule(name: "r", when: conditions, reply: reply, sequence: [reply], chaos: Chaos(probability: 0.5, fault: fault))],
            fallback: reply
        )
        let document = try ChatWire.decode(JSONValue.self, from: try ChatWire.encode(scenario))
        try ScenarioFields.check(document)
    }
}

@Suite("case-insensitive contains")
struct ContainsIgnoringCaseTests {
    @Test("matches ASCII and non-ASCII needles regardless of case", arguments: [
        ("I'm out of Disk Space. Fix it.", "disk space", true),
        ("disk", "disk space", false),
        ("anything", "", true),
        ("", "a", false),
        ("Logs cleaned. Freed 20GB.", "LOGS CLEANED", true),
        ("Ünïcode Straße", "straße", true),
        ("Ünïcode", "ünï", true),
        ("abc", "abd", false),
        ("aab", "ab", true),
    ])
    func containsIgnoringCase(text: String, needle: String, expected: Bool) {
        #expect(text.containsIgnoringCase(needle) == expected)
    }
}
