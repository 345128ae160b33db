/// An implementation whose verdict is known in advance, for testing a chapter's checks: a
/// *chaff* (a realistic mistake that named checks must catch) or a *wheat* (a correct
/// implementation written another way, which must pass everything).
///
/// The kit's tests build them from the reference solution with one exercise replaced.
///
/// ```swift
/// let chaff = KnownVariant(name: "loop: forgets the assistant message", subject: buggy,
///                          caughtBy: ["lab04.loop.assistant-then-results"])
/// let report = await chaff.run(Lab04Checks.suite)
/// ```
public struct KnownVariant<Subject: Sendable>: Sendable, CustomStringConvertible {
    /// What the mistake (or the other way of writing it) is, in a few words.
    public let name: String
    public let subject: Subject
    /// For a chaff, the ids of the checks that must not pass on it; empty for a wheat.
    public let caughtBy: [String]

    public init(name: String, subject: Subject, caughtBy: [String] = []) {
        self.name = name
        self.subject = subject
        self.caughtBy = caughtBy
    }

    public var description: String { name }

    /// Runs every check of `suite` on the variant: a wheat with ``CheckRunner/lenient`` (it must
    /// pass, so only a real hang may time out), a chaff with the checks' own limits.
    public func run(_ suite: CheckSuite<Subject>) async -> ChapterReport {
        await (caughtBy.isEmpty ? CheckRunner.lenient : CheckRunner()).run(suite, on: subject)
    }
}

/// Each variant's report, computed once and shared by the tests that look at it.
public actor VariantReports<Subject: Sendable> {
    private let suite: CheckSuite<Subject>
    private var runs: [String: Task<ChapterReport, Never>] = [:]

    public init(_ suite: CheckSuite<Subject>) {
        self.suite = suite
    }

    /// The report of `variant`, run once.
    public func report(for variant: KnownVariant<Subject>) async -> ChapterReport {
        if let run = runs[variant.name] { return await run.value }
        let suite = suite
        let run = Task { await variant.run(suite) }
        runs[variant.name] = run
        return await run.value
    }
}
