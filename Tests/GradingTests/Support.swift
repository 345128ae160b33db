import Foundation
import Grading
import LabChecks
import LabKit

/// A kit on disk for tests: Package.swift naming the chapters as executables, and labs/.
struct TestKit {
    let directory: TemporaryDirectory
    var root: URL { directory.url }

    init(chapters: [String: [String: String]], extraProducts: [String] = ["grade"]) throws {
        directory = try TemporaryDirectory(prefix: "grade-kit")
        let products = (chapters.keys.sorted() + extraProducts).map { "        .executable(name: \"\($0)\", targets: [\"\($0)\"])," }
        try Data("// swift-tools-version: 6.2\nlet package = Package(\n    products: [\n\(products.joined(separator: "\n"))\n    ]\n)\n".utf8)
            .write(to: root.appendingPathComponent("Package.swift"))
        for (chapter, files) in chapters {
            for (name, text) in files { try write(text, to: "labs/\(chapter)/\(name)") }
        }
    }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var kit: Kit { get throws { try Kit(root: root) } }
}

/// A clock for the process runner that moves a second forward every time it is read: a time
/// limit passes after a few polls, with no waiting in the test.
final class SteppingClock: Sendable {
    private let reads = LockedCounter()

    var monotonic: Monotonic {
        Monotonic { [reads] in .seconds(reads.next()) }
    }
}

final class LockedCounter: Sendable {
    private let value = Mutex(0)

    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

import Synchronization

/// Plays the part of `swift build` and the chapters' executables: answers each command from a
/// script keyed on what it asks for, and writes the results file as a chapter would.
struct ScriptedRunner: CommandRunning {
    enum CheckBehaviour: Sendable {
        case report(CheckResult.Status, String?)
        case crash(Int32)
        case silentExit(Int32)
        case hang
    }

    var builds: [String: ProcessOutcome] = [:]
    var listings: [String: [CheckEntry]] = [:]
    var checks: [String: CheckBehaviour] = [:]
    let commands = Recorded()

    final class Recorded: Sendable {
        private let list = Mutex<[[String]]>([])
        func append(_ arguments: [String]) { list.withLock { $0.append(arguments) } }
        var all: [[String]] { list.withLock { $0 } }
    }

    func run(_ command: Command, timeLimit: Duration, outputCap: Int) throws -> ProcessOutcome {
        let arguments = [command.executable] + command.arguments
        commands.append(arguments)
        if let index = arguments.firstIndex(of: "--product") {
            return builds[arguments[index + 1]] ?? ProcessOutcome(termination: .exited(0), output: "")
        }
        guard let checkIndex = arguments.firstIndex(of: "check") else { return ProcessOutcome(termination: .exited(0), output: "") }
        let chapter = URL(fileURLWithPath: arguments[checkIndex - 1]).lastPathComponent
        if arguments.contains("--list") {
            let data = try JSONEncoder().encode(listings[chapter] ?? [])
            return ProcessOutcome(termination: .exited(0), output: String(decoding: data, as: UTF8.self))
        }
        guard let exact = arguments.firstIndex(of: "--exact"), let file = arguments.firstIndex(of: "--results-file") else {
            return ProcessOutcome(termination: .exited(64), output: "usage")
        }
        let id = arguments[exact + 1]
        switch checks[id] ?? .silentExit(0) {
        case .report(let status, let message):
            let result = CheckResult(id: id, title: "t", status: status, points: status == .pass ? 1 : 0, maxPoints: 1,
                                     message: message, hint: "h", durationMilliseconds: 3)
            try ResultStream(path: arguments[file + 1]).append(result)
            return ProcessOutcome(termination: .exited(status == .pass ? 0 : 1), output: "printed by \(id)")
        case .crash(let signal):
            return ProcessOutcome(termination: .signaled(signal), output: "Fatal error: boom")
        case .silentExit(let code):
            return ProcessOutcome(termination: .exited(code), output: "")
        case .hang:
            return ProcessOutcome(termination: .timedOut, output: "")
        }
    }
}

func entry(_ id: String, points: Int = 1) -> CheckEntry {
    CheckEntry(id: id, title: "title of \(id)", points: points, hint: "hint for \(id)")
}

func graded(_ id: String, _ status: GradeStatus, points: Int = 1, message: String? = nil, output: String = "") -> GradedCheck {
    GradedCheck(id: id, name: "title of \(id)", status: status, score: status == .pass ? points : 0, maxScore: points,
                message: message ?? (status == .pass ? nil : "went wrong: \(status.rawValue)"), output: output, hint: "hint for \(id)")
}

func submission(_ id: String, _ chapters: [ChapterGrade], contained: Bool = true) -> SubmissionGrade {
    SubmissionGrade(submissionID: id, tool: "agent-labs grade test", toolchain: "Swift test", durationMilliseconds: 1234,
                    containment: Containment(contained: contained, detail: contained ? "bubblewrap" : "not contained (test)"), chapters: chapters)
}

/// Runs blocking work (a real process, waited on) on a thread of its own, so that it never
/// holds one of the few threads of the cooperative pool that the other suites' async checks
/// need to run on time.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
