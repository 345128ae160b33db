/// Gradescope's autograder `results.json`: score, execution_time, and a test per check.
///
/// See https://gradescope-autograders.readthedocs.io/en/latest/specs/ : `status` is
/// `passed` or `failed`; `output` carries the message, the hint and what the code printed.
public struct GradescopeReport: Codable, Sendable, Equatable {
    public struct Test: Codable, Sendable, Equatable {
        public var name: String
        public var number: String
        public var score: Int
        public var maxScore: Int
        public var status: String
        public var output: String
        public var visibility: String

        enum CodingKeys: String, CodingKey {
            case name, number, score, status, output, visibility
            case maxScore = "max_score"
        }
    }

    public var score: Int
    public var maxScore: Int
    public var executionTime: Double
    public var output: String
    public var tests: [Test]

    enum CodingKeys: String, CodingKey {
        case score, output, tests
        case maxScore = "max_score"
        case executionTime = "execution_time"
    }

    public init(_ grade: SubmissionGrade) {
        score = grade.score
        maxScore = grade.maxScore
        executionTime = (grade.durationMilliseconds / 10).rounded() / 100
        var lines = grade.chapters.map { "\($0.chapter): \($0.score)/\($0.maxScore) (\($0.buildStatus.rawValue))" }
        if !grade.containment.contained { lines.append(grade.containment.detail) }
        output = lines.joined(separator: "\n")
        tests = []
        for (chapterIndex, chapter) in grade.chapters.enumerated() {
            for (checkIndex, check) in chapter.checks.enumerated() {
                var text: [String] = []
                if check.status != .pass {
                    text.append("\(check.status.rawValue): \(check.message ?? "")")
                    text.append("hint: \(check.hint)")
                }
                if !check.output.isEmpty { text.append(check.output + (check.outputTruncated ? "\n[output cut at the cap]" : "")) }
                tests.append(Test(
                    name: "\(check.id): \(check.name)", number: "\(chapterIndex + 1).\(checkIndex + 1)",
                    score: check.score, maxScore: check.maxScore,
                    status: check.status == .pass ? "passed" : "failed",
                    output: text.joined(separator: "\n"), visibility: "visible"
                ))
            }
        }
    }
}
