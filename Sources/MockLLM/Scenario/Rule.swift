/// One rule of a scenario: when its conditions hold, the model answers with its reply.
///
/// A rule has either one ``reply`` or a ``sequence`` of replies chosen by attempt number: the
/// same request sent again is attempt 2, 3, … (counted per conversation), and the last step
/// answers every later attempt. That is how "429 twice, then 200" is written.
public struct Rule: Sendable, Hashable, Codable {
    /// A unique name, recorded in the journal and quoted when nothing matches.
    public var name: String
    /// What must hold for the rule to match; every field given must hold.
    public var when: Conditions
    /// The answer, for a rule that always answers the same.
    public var reply: Reply?
    /// Answers by attempt, each step repeated `times` (default 1).
    public var sequence: [Reply]?
    /// A seeded random fault laid over the answer.
    public var chaos: Chaos?

    /// Creates a rule; give a reply or a sequence.
    public init(name: String, when: Conditions = Conditions(), reply: Reply? = nil, sequence: [Reply]? = nil, chaos: Chaos? = nil) {
        self.name = name
        self.when = when
        self.reply = reply
        self.sequence = sequence
        self.chaos = chaos
    }

    enum CodingKeys: String, CodingKey {
        case name, when, reply, sequence, chaos
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        when = try container.decodeIfPresent(Conditions.self, forKey: .when) ?? Conditions()
        reply = try container.decodeIfPresent(Reply.self, forKey: .reply)
        sequence = try container.decodeIfPresent([Reply].self, forKey: .sequence)
        chaos = try container.decodeIfPresent(Chaos.self, forKey: .chaos)
    }

    /// The reply for the given attempt (1 for the first time a conversation is seen).
    public func reply(forAttempt attempt: Int) -> Reply? {
        if let reply { return reply }
        guard let sequence, let last = sequence.last else { return nil }
        var remaining = attempt
        for step in sequence {
            remaining -= max(1, step.times ?? 1)
            if remaining <= 0 { return step }
        }
        return last
    }

    func validate() throws {
        switch (reply, sequence) {
        case (nil, nil):
            throw ScenarioProblem("it needs a \"reply\" or a \"sequence\"")
        case (.some, .some):
            throw ScenarioProblem("it has both a \"reply\" and a \"sequence\"; keep one")
        case (.some(let reply), nil):
            try reply.validate()
        case (nil, .some(let steps)):
            if steps.isEmpty { throw ScenarioProblem("its \"sequence\" is empty") }
            for (index, step) in steps.enumerated() {
                do {
                    try step.validate()
                } catch let problem as ScenarioProblem {
                    throw ScenarioProblem("sequence step \(index + 1): \(problem.text)")
                }
                if let times = step.times, times < 1 {
                    throw ScenarioProblem("sequence step \(index + 1): \"times\" must be at least 1")
                }
            }
        }
        try when.validate()
        if let chaos {
            guard (0...1).contains(chaos.probability) else {
                throw ScenarioProblem("chaos probability must be between 0 and 1, got \(chaos.probability)")
            }
            try chaos.fault.validate()
        }
    }
}
