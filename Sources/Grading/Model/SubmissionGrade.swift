/// The grader's verdict on one submission (one kit's labs): the native JSON report.
public struct SubmissionGrade: Codable, Sendable, Equatable {
    /// The version of this JSON shape; raised when a field changes meaning or goes away.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The grader's name and version, as in `agent-labs grade 1.0`.
    public var tool: String
    /// The Swift toolchain that built the chapters, as `swift --version` says it.
    public var toolchain: String
    /// The submission's name: its folder in a batch, `labs` for the kit itself, `solutions`.
    public var submissionID: String
    /// Real time to grade the submission, in milliseconds.
    public var durationMilliseconds: Double
    /// Whether the student's code ran contained (no network, no writes outside its scratch
    /// folder, memory and CPU limits), and if not, why not.
    public var containment: Containment
    public var chapters: [ChapterGrade]
    /// Set when the submission could not be graded at all (an unreadable zip, no labs folder).
    public var error: String?

    public init(submissionID: String, tool: String, toolchain: String, durationMilliseconds: Double,
                containment: Containment, chapters: [ChapterGrade], error: String? = nil) {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.toolchain = toolchain
        self.submissionID = submissionID
        self.durationMilliseconds = durationMilliseconds
        self.containment = containment
        self.chapters = chapters
        self.error = error
    }

    public var score: Int { chapters.reduce(0) { $0 + $1.score } }
    public var maxScore: Int { chapters.reduce(0) { $0 + $1.maxScore } }
    public var checks: [GradedCheck] { chapters.flatMap(\.checks) }

    enum CodingKeys: String, CodingKey {
        case tool, toolchain, containment, chapters, score, error
        case schemaVersion = "schema_version"
        case submissionID = "submission_id"
        case durationMilliseconds = "duration_ms"
        case maxScore = "max_score"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        tool = try container.decode(String.self, forKey: .tool)
        toolchain = try container.decode(String.self, forKey: .toolchain)
        submissionID = try container.decode(String.self, forKey: .submissionID)
        durationMilliseconds = try container.decode(Double.self, forKey: .durationMilliseconds)
        containment = try container.decode(Containment.self, forKey: .containment)
        chapters = try container.decode([ChapterGrade].self, forKey: .chapters)
        error = try container.decodeIfPresent(String.self, forKey: .error)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(toolchain, forKey: .toolchain)
        try container.encode(submissionID, forKey: .submissionID)
        try container.encode(durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(containment, forKey: .containment)
        try container.encode(chapters, forKey: .chapters)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(error, forKey: .error)
    }
}

/// Whether a run was contained, and how or why not.
public struct Containment: Codable, Sendable, Equatable {
    public var contained: Bool
    /// `bubblewrap: no network, read-only file system but the scratch folder, 4 GiB, 30 s CPU`,
    /// or why the run was not contained.
    public var detail: String

    public init(contained: Bool, detail: String) {
        self.contained = contained
        self.detail = detail
    }
}
