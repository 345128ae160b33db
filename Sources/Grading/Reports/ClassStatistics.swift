/// What a batch of submissions says about each check: how many passed, and the commonest
/// messages of those that ran and did not pass (not `not_attempted` or `compile_error`, which
/// are verdicts on a whole chapter). `summary.json` and the class HTML view are made from it.
public struct ClassStatistics: Codable, Sendable, Equatable {
    public struct CheckStatistics: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var chapter: String
        public var passed: Int
        public var graded: Int
        public var passRate: Double
        public var statuses: [String: Int]
        public var commonestFailures: [MessageCount]

        enum CodingKeys: String, CodingKey {
            case id, name, chapter, passed, graded, statuses
            case passRate = "pass_rate"
            case commonestFailures = "commonest_failures"
        }
    }

    public struct MessageCount: Codable, Sendable, Equatable {
        public var message: String
        public var count: Int
    }

    public struct SubmissionRow: Codable, Sendable, Equatable {
        public var submission: String
        public var score: Int
        public var maxScore: Int
        public var chapters: [String: String]
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case submission, score, chapters, error
            case maxScore = "max_score"
        }
    }

    public var submissions: Int
    public var meanScore: Double
    public var maxScore: Int
    /// How many submissions scored in each tenth of the maximum: [0, 10%), …, [90%, 100%], and
    /// the last bucket is exactly 100%.
    public var distribution: [Int]
    public var checks: [CheckStatistics]
    public var rows: [SubmissionRow]

    enum CodingKeys: String, CodingKey {
        case submissions, distribution, checks, rows
        case meanScore = "mean_score"
        case maxScore = "max_score"
    }

    public init(_ grades: [SubmissionGrade], failuresPerCheck: Int = 3) {
        submissions = grades.count
        maxScore = grades.map(\.maxScore).max() ?? 0
        meanScore = grades.isEmpty ? 0 : Double(grades.reduce(0) { $0 + $1.score }) / Double(grades.count)
        var buckets = [Int](repeating: 0, count: 11)
        for grade in grades {
            let fraction = grade.maxScore == 0 ? 0 : Double(grade.score) / Double(grade.maxScore)
            buckets[min(10, Int((fraction * 10).rounded(.down)))] += 1
        }
        distribution = buckets
        var order: [String] = []
        var byID: [String: CheckStatistics] = [:]
        var messages: [String: [String: Int]] = [:]
        for grade in grades {
            for chapter in grade.chapters {
                for check in chapter.checks {
                    if byID[check.id] == nil {
                        order.append(check.id)
                        byID[check.id] = CheckStatistics(id: check.id, name: check.name, chapter: chapter.chapter, passed: 0, graded: 0,
                                                         passRate: 0, statuses: [:], commonestFailures: [])
                    }
                    byID[check.id]?.graded += 1
                    byID[check.id]?.statuses[check.status.rawValue, default: 0] += 1
                    if check.status == .pass {
                        byID[check.id]?.passed += 1
                    } else if check.status != .notAttempted, check.status != .compileError, let message = check.message {
                        // Chapter-wide verdicts say nothing about this check: left out of its messages.
                        messages[check.id, default: [:]][String(message.prefix(240)), default: 0] += 1
                    }
                }
            }
        }
        checks = order.compactMap { id in
            guard var statistics = byID[id] else { return nil }
            statistics.passRate = statistics.graded == 0 ? 0 : Double(statistics.passed) / Double(statistics.graded)
            statistics.commonestFailures = (messages[id] ?? [:]).map { MessageCount(message: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.message) > ($1.count, $0.message) }.prefix(failuresPerCheck).map { $0 }
            return statistics
        }
        rows = grades.map { grade in
            SubmissionRow(submission: grade.submissionID, score: grade.score, maxScore: grade.maxScore,
                          chapters: Dictionary(uniqueKeysWithValues: grade.chapters.map {
                              ($0.chapter, $0.buildStatus == .ok ? "\($0.score)/\($0.maxScore)" : $0.buildStatus.rawValue)
                          }), error: grade.error)
        }
    }
}
