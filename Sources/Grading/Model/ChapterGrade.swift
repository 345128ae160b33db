/// The grader's verdict on one chapter.
public struct ChapterGrade: Codable, Sendable, Equatable {
    /// How building the chapter went.
    public enum BuildStatus: String, Codable, Sendable {
        /// It compiled and its checks ran.
        case ok
        /// It did not compile; `diagnostics` says where.
        case compileError = "compile_error"
        /// Its sources are the starter's: neither built nor run.
        case notAttempted = "not_attempted"
        /// The grader could not build it for a reason that is not the student's (see `diagnostics`).
        case error
    }

    /// The chapter's folder name, as in `ch11-state`.
    public var chapter: String
    public var buildStatus: BuildStatus
    /// The first compiler errors, when `buildStatus` is `compileError`.
    public var diagnostics: [Diagnostic]
    public var checks: [GradedCheck]
    /// Real time to build the chapter, in milliseconds.
    public var buildMilliseconds: Double

    public init(chapter: String, buildStatus: BuildStatus, diagnostics: [Diagnostic] = [], checks: [GradedCheck], buildMilliseconds: Double = 0) {
        self.chapter = chapter
        self.buildStatus = buildStatus
        self.diagnostics = diagnostics
        self.checks = checks
        self.buildMilliseconds = buildMilliseconds
    }

    public var score: Int { checks.reduce(0) { $0 + $1.score } }
    public var maxScore: Int { checks.reduce(0) { $0 + $1.maxScore } }
    public var passed: Int { checks.filter { $0.status == .pass }.count }

    enum CodingKeys: String, CodingKey {
        case chapter, diagnostics, checks, score
        case buildStatus = "build_status"
        case maxScore = "max_score"
        case buildMilliseconds = "build_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        chapter = try container.decode(String.self, forKey: .chapter)
        buildStatus = try container.decode(BuildStatus.self, forKey: .buildStatus)
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        checks = try container.decode([GradedCheck].self, forKey: .checks)
        buildMilliseconds = try container.decode(Double.self, forKey: .buildMilliseconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chapter, forKey: .chapter)
        try container.encode(buildStatus, forKey: .buildStatus)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(checks, forKey: .checks)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(buildMilliseconds, forKey: .buildMilliseconds)
    }
}

/// One compiler diagnostic: where, and what.
public struct Diagnostic: Codable, Sendable, Equatable {
    /// The file, relative to the kit when it is inside it: `labs/ch11-state/Retry.swift`.
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `labs/ch11-state/Retry.swift:12: cannot find 'x' in scope`.
    public var summary: String { "\(file):\(line): \(message)" }
}
