/// The outcome of one check, in the shape every report and the grader reuse.
public struct CheckResult: Codable, Sendable, Equatable {
    /// How a check ended.
    public enum Status: String, Codable, Sendable {
        /// The implementation met the contract.
        case pass
        /// The implementation broke the contract (or is not written yet).
        case fail
        /// The implementation threw an error the check did not expect.
        case error
        /// The check ran past its real-time limit and was abandoned.
        case timeout
    }

    public var id: String
    public var title: String
    public var status: Status
    /// Points earned: all of them on a pass, none otherwise.
    public var points: Int
    /// What a pass is worth.
    public var maxPoints: Int
    /// Why it did not pass; `nil` on a pass.
    public var message: String?
    public var hint: String
    /// The function the check found unwritten (it threw `LabError.notImplemented`), if any:
    /// reports list such checks as one line per function.
    public var unimplemented: String?
    /// Real time the check took, in milliseconds.
    public var durationMilliseconds: Double
    /// Time that passed on the check's manual clocks, in milliseconds.
    public var simulatedMilliseconds: Double

    public init(
        id: String, title: String, status: Status, points: Int, maxPoints: Int,
        message: String?, hint: String, unimplemented: String? = nil,
        durationMilliseconds: Double, simulatedMilliseconds: Double = 0
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.points = points
        self.maxPoints = maxPoints
        self.message = message
        self.hint = hint
        self.unimplemented = unimplemented
        self.durationMilliseconds = durationMilliseconds
        self.simulatedMilliseconds = simulatedMilliseconds
    }

    /// Writes every field, `message` as `null` on a pass, so that readers see one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(points, forKey: .points)
        try container.encode(maxPoints, forKey: .maxPoints)
        try container.encode(message, forKey: .message)
        try container.encode(hint, forKey: .hint)
        try container.encode(unimplemented, forKey: .unimplemented)
        try container.encode(durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(simulatedMilliseconds, forKey: .simulatedMilliseconds)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, status, points, message, hint
        case maxPoints = "max_points"
        case unimplemented = "not_implemented"
        case durationMilliseconds = "duration_ms"
        case simulatedMilliseconds = "simulated_ms"
    }
}

/// The results of one chapter's checks.
public struct ChapterReport: Codable, Sendable {
    public var chapter: String
    public var score: Int
    public var maxScore: Int
    public var checks: [CheckResult]

    public init(chapter: String, checks: [CheckResult]) {
        self.chapter = chapter
        self.checks = checks
        self.score = checks.reduce(0) { $0 + $1.points }
        self.maxScore = checks.reduce(0) { $0 + $1.maxPoints }
    }

    /// Whether every check passed.
    public var allPassed: Bool { checks.allSatisfy { $0.status == .pass } }

    enum CodingKeys: String, CodingKey {
        case chapter, score, checks
        case maxScore = "max_score"
    }
}
