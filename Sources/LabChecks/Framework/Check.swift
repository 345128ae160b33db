/// One graded check: a stable id, what it proves, its points and a hint, and the code that
/// exercises an implementation.
///
/// A check's body throws ``CheckFailure`` when the implementation breaks the contract; any other
/// error counts as an error in the student's code. Checks are written once per chapter, against
/// a value that describes an implementation (for chapter 11, `Ch11Exercises`), so the same
/// check runs on the student's module, the reference solution, and the kit's buggy variants.
///
/// ```swift
/// Check<Ch11Exercises>(
///     id: "ch11.retry.first-success",
///     title: "Returns at once when the first attempt succeeds",
///     points: 1,
///     hint: "Call the operation before any sleep."
/// ) { exercises, context in
///     let value = try await exercises.executeWithRetry(3, context.clock()) { "ok" }
///     try expect(value, equals: "ok", "the returned value")
/// }
/// ```
public struct Check<Subject: Sendable>: Sendable, Identifiable {
    /// A stable, dotted identifier: `chapter.topic.behaviour`. Reports and graders key on it.
    public let id: String
    /// The behaviour the check proves, as a sentence a student understands.
    public let title: String
    /// What a pass is worth.
    public let points: Int
    /// Where to look when the check fails.
    public let hint: String
    /// How much real time the check may take before it is stopped as hung.
    public let timeLimit: Duration
    let body: @Sendable (Subject, CheckContext) async throws -> Void

    /// Creates a check.
    /// - Parameters:
    ///   - id: A stable identifier, unique within the chapter.
    ///   - title: The behaviour the check proves.
    ///   - points: What a pass is worth.
    ///   - hint: Where to look when it fails.
    ///   - timeLimit: The real time the check may take; 5 seconds unless told otherwise.
    ///   - body: Exercises the implementation; throws ``CheckFailure`` when it misbehaves.
    public init(
        id: String,
        title: String,
        points: Int,
        hint: String,
        timeLimit: Duration = .seconds(5),
        body: @escaping @Sendable (Subject, CheckContext) async throws -> Void
    ) {
        self.id = id
        self.title = title
        self.points = points
        self.hint = hint
        self.timeLimit = timeLimit
        self.body = body
    }
}

/// The checks of one chapter, in the order they are run and reported.
public struct CheckSuite<Subject: Sendable>: Sendable {
    /// The chapter's name, as in `ch11-state`.
    public let chapter: String
    public let checks: [Check<Subject>]

    public init(chapter: String, checks: [Check<Subject>]) {
        self.chapter = chapter
        self.checks = checks
    }

    /// The sum of every check's points.
    public var maxScore: Int { checks.reduce(0) { $0 + $1.points } }
}
