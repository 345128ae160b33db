import Foundation
import Grading
import LabChecks
import LabKit
import Testing

@Suite("Grader: each chapter on its own, each check in its own process, every status")
struct GraderTests {
    private let stubs = ["ch11-state": ["Retry.swift": "stub"], "lab02-tools": ["Tools.swift": "stub"]]
    private let listings = [
        "ch11-state": [entry("ch11.a"), entry("ch11.b"), entry("ch11.c"), entry("ch11.d"), entry("ch11.e", points: 2)],
        "lab02-tools": [entry("lab02.a", points: 2), entry("lab02.b")],
    ]

    private func grader(_ runner: ScriptedRunner) -> Grader {
        let sandbox = Sandbox(mode: .none("test"))
        return Grader(builder: ChapterBuilder(runner: runner, environment: [:]),
                      executor: CheckExecutor(runner: runner, sandbox: sandbox),
                      monotonic: SteppingClock().monotonic)
    }

    private func manifest(for kit: TestKit) throws -> StarterManifest {
        var manifest = StarterManifest()
        for chapter in stubs.keys {
            manifest.chapters[chapter] = .init(files: StarterManifest.hashes(of: chapter, in: try kit.kit.labs), checks: listings[chapter] ?? [])
        }
        return manifest
    }

    @Test("a crash, a hang and a silent exit cost their own checks only; the others keep their results")
    func everyStatus() throws {
        let kit = try TestKit(chapters: stubs)
        let starters = try manifest(for: kit)
        try kit.write("attempted", to: "labs/ch11-state/Retry.swift")
        try kit.write("attempted", to: "labs/lab02-tools/Tools.swift")
        var runner = ScriptedRunner()
        runner.listings = listings
        runner.checks = [
            "ch11.a": .report(.pass, nil), "ch11.b": .report(.fail, "expected 1, got 2"), "ch11.c": .crash(11),
            "ch11.d": .hang, "ch11.e": .silentExit(0), "lab02.a": .report(.pass, nil), "lab02.b": .report(.error, "unexpected error: boom"),
        ]
        let scratch = try TemporaryDirectory(prefix: "grade-scratch")
        let grade = grader(runner).grade(kit: try kit.kit, chapters: try kit.kit.chapters(), submissionID: "s1", solution: false,
                                         scratch: scratch.url, manifest: starters)
        let statuses = Dictionary(uniqueKeysWithValues: grade.checks.map { ($0.id, $0.status) })
        #expect(statuses == ["ch11.a": .pass, "ch11.b": .fail, "ch11.c": .crash, "ch11.d": .timeout, "ch11.e": .error,
                             "lab02.a": .pass, "lab02.b": .error])
        #expect(grade.score == 3)
        #expect(grade.maxScore == 9)
        #expect(grade.checks.first { $0.id == "ch11.a" }?.output == "printed by ch11.a")
        #expect(grade.containment.contained == false)
        // One process per check, each asked for that check alone.
        let exact = runner.commands.all.compactMap { arguments in arguments.firstIndex(of: "--exact").map { arguments[$0 + 1] } }
        #expect(exact == ["ch11.a", "ch11.b", "ch11.c", "ch11.d", "ch11.e", "lab02.a", "lab02.b"])
    }

    @Test("a chapter that does not compile is compile_error with its first diagnostics; the next chapter is still graded")
    func compileErrorIsolated() throws {
        let kit = try TestKit(chapters: stubs)
        let starters = try manifest(for: kit)
        try kit.write("broken", to: "labs/ch11-state/Retry.swift")
        try kit.write("attempted", to: "labs/lab02-tools/Tools.swift")
        var runner = ScriptedRunner()
        runner.listings = listings
        runner.checks = ["lab02.a": .report(.pass, nil), "lab02.b": .report(.pass, nil)]
        let log = "\(kit.root.path)/labs/ch11-state/Retry.swift:7:12: error: cannot find 'x' in scope\n"
        runner.builds = ["ch11-state": ProcessOutcome(termination: .exited(1), output: log)]
        let scratch = try TemporaryDirectory(prefix: "grade-scratch")
        let grade = grader(runner).grade(kit: try kit.kit, chapters: try kit.kit.chapters(), submissionID: "s2", solution: false,
                                         scratch: scratch.url, manifest: starters)
        let broken = try #require(grade.chapters.first { $0.chapter == "ch11-state" })
        #expect(broken.buildStatus == .compileError)
        #expect(broken.diagnostics == [Diagnostic(file: "labs/ch11-state/Retry.swift", line: 7, column: 12, message: "cannot find 'x' in scope")])
        #expect(broken.checks.map(\.status) == Array(repeating: .compileError, count: 5), "every check is reported, from the manifest")
        #expect(broken.maxScore == 6)
        let other = try #require(grade.chapters.first { $0.chapter == "lab02-tools" })
        #expect(other.buildStatus == .ok)
        #expect(other.score == 3)
    }

    @Test("a chapter identical to its starter is not_attempted and is neither built nor run; --solutions grades it anyway")
    func notAttempted() throws {
        let kit = try TestKit(chapters: stubs)
        let starters = try manifest(for: kit)
        var runner = ScriptedRunner()
        runner.listings = listings
        runner.checks = ["lab02.a": .report(.pass, nil), "lab02.b": .report(.pass, nil)]
        let scratch = try TemporaryDirectory(prefix: "grade-scratch")
        let grade = grader(runner).grade(kit: try kit.kit, chapters: try kit.kit.chapters(), submissionID: "s3", solution: false,
                                         scratch: scratch.url, manifest: starters)
        #expect(grade.chapters.map(\.buildStatus) == [.notAttempted, .notAttempted])
        #expect(grade.checks.allSatisfy { $0.status == .notAttempted })
        #expect(grade.score == 0 && grade.maxScore == 9)
        #expect(runner.commands.all.isEmpty)

        let solutions = grader(runner).grade(kit: try kit.kit, chapters: ["lab02-tools"], submissionID: "solutions", solution: true,
                                             scratch: scratch.url, manifest: starters)
        #expect(solutions.chapters.map(\.buildStatus) == [.ok])
        #expect(solutions.score == 3)
        #expect(runner.commands.all.filter { $0.contains("--exact") }.allSatisfy { $0.contains("--solution") })
    }

    @Test("diagnostics: the first distinct errors, relative to the kit, warnings left out")
    func diagnostics() {
        let log = """
            /kit/labs/a/X.swift:3:5: warning: unused
            /kit/labs/a/X.swift:4:9: error: expected expression
            /kit/labs/a/X.swift:4:9: error: expected expression
            /elsewhere/Y.swift:1:1: error: no such module 'Z'
            error: fatalError
            """
        #expect(ChapterBuilder.diagnostics(in: log, root: "/kit") == [
            Diagnostic(file: "labs/a/X.swift", line: 4, column: 9, message: "expected expression"),
            Diagnostic(file: "/elsewhere/Y.swift", line: 1, column: 1, message: "no such module 'Z'"),
        ])
    }
}
