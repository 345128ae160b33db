import LabChecks

/// The grader's verdict on one check: the fields every report is made from.
public struct GradedCheck: Codable, Sendable, Equatable {
    /// The check's stable id, as in `ch11.retry.delays-double`.
    public var id: String
    /// What the check proves, as a sentence.
    public var name: String
    public var status: GradeStatus
    /// Points earned: `maxScore` on a pass, 0 otherwise.
    public var score: Int
    public var maxScore: Int
    /// Why it did not pass (`nil` on a pass).
    public var message: String?
    /// What the student's code printed while the check ran, cut at the output cap.
    public var output: String
    /// Whether `output` was cut at the cap.
    public var outputTruncated: Bool
    /// Real time the check took, in milliseconds.
    public var durationMilliseconds: Double
    /// Where to look when the check fails.
    public var hint: String

    public init(
        id: String, name: String, status: GradeStatus, score: Int, maxScore: Int, message: String?,
        output: String = "", outputTruncated: Bool = false, durationMilliseconds: Double = 0, hint: String
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.message = message
        self.output = output
        self.outputTruncated = outputTruncated
        self.durationMilliseconds = durationMilliseconds
        self.hint = hint
    }

    /// A check that did not run, with `status` and `message` saying why.
    public init(unrun listing: CheckEntry, status: GradeStatus, message: String) {
        self.init(id: listing.id, name: listing.title, status: status, score: 0, maxScore: listing.points,
                  message: message, hint: listing.hint)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, score, message, output, hint
        case maxScore = "max_score"
        case outputTruncated = "output_truncated"
        case durationMilliseconds = "duration_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(message, forKey: .message)
        try container.encode(output, forKey: .output)
        try container.encode(outputTruncated, forKey: .outputTruncated)
        try container.encode(durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(hint, forKey: .hint)
    }
}

/// A check as a chapter lists it (`check --list --json`): enough to report it unrun.
public typealias CheckEntry = CheckListing
