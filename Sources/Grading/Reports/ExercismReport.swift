/// Exercism's test-runner `results.json`, version 3, one per chapter.
///
/// See https://exercism.org/docs/building/tooling/test-runners/interface : the top-level
/// `status` is `pass`, `fail` or `error` (the code did not compile); each test has `name`,
/// `status`, `message`, `output` (at most 500 characters) and `task_id` (the exercise it
/// belongs to: the id's topic, numbered in order of first appearance).
public struct ExercismReport: Codable, Sendable, Equatable {
    public struct Test: Codable, Sendable, Equatable {
        public var name: String
        public var status: String
        public var message: String?
        public var output: String?
        public var taskID: Int

        enum CodingKeys: String, CodingKey {
            case name, status, message, output
            case taskID = "task_id"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(message, forKey: .message)
            try container.encode(output, forKey: .output)
            try container.encode(taskID, forKey: .taskID)
        }
    }

    public static let outputLimit = 500

    public var version = 3
    public var status: String
    public var message: String?
    public var tests: [Test]

    public init(_ chapter: ChapterGrade) {
        switch chapter.buildStatus {
        case .compileError, .error:
            status = "error"
            message = chapter.diagnostics.map(\.summary).joined(separator: "\n")
        case .notAttempted:
            status = "fail"
            message = "not attempted: labs/\(chapter.chapter)/ is the starter, unchanged"
        case .ok:
            status = chapter.checks.allSatisfy { $0.status == .pass } ? "pass" : "fail"
            message = nil
        }
        var topics: [String] = []
        tests = chapter.checks.map { check in
            let topic = check.id.split(separator: ".").dropLast().joined(separator: ".")
            if !topics.contains(topic) { topics.append(topic) }
            let testStatus = switch check.status {
            case .pass: "pass"
            case .fail, .notAttempted: "fail"
            case .error, .timeout, .crash, .compileError: "error"
            }
            let message = check.status == .pass ? nil : [check.message, "hint: \(check.hint)"].compactMap { $0 }.joined(separator: "\n")
            return Test(name: "\(check.id): \(check.name)", status: testStatus, message: message,
                        output: check.output.isEmpty ? nil : String(check.output.prefix(Self.outputLimit)),
                        taskID: (topics.firstIndex(of: topic) ?? 0) + 1)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encode(tests, forKey: .tests)
    }

    enum CodingKeys: String, CodingKey {
        case version, status, message, tests
    }
}
