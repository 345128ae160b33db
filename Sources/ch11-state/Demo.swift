import Ch11Checks
import Foundation
import LabChecks
import LabKit
import LabKitSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chapter's story: a four-step deployment that survives a flaky registry, a hung smoke
/// test and a killed process, told through the exercises of chapter 11.
struct Demo {
    static let databaseName = "state.sqlite"
    static let effectsName = "effects.log"
    static let notImplementedExitCode: Int32 = 3

    /// The deployment's steps, in order; each is a task in the store.
    enum Step: String, CaseIterable {
        case build, push, smokeTest = "smoke-test", rollout

        var taskID: String { "deploy-1/\(rawValue)" }
    }

    let exercises: Ch11Exercises
    let directory: URL
    let instant: Bool
    private let now: Now = { Date() }

    init(exercises: Ch11Exercises, directory: URL, instant: Bool) {
        self.exercises = exercises
        self.directory = directory
        self.instant = instant
    }

    /// The clock the demo waits on: real time, or a simulated one with `--instant`.
    private var clock: any Clock<Duration> {
        instant ? ManualClock() : ContinuousClock()
    }

    /// ``clock``, saying how long it waits before each sleep.
    private func announcingClock(_ announce: @escaping @Sendable (Duration) -> Void) -> any Clock<Duration> {
        instant ? AnnouncingClock(base: ManualClock(), announce: announce)
            : AnnouncingClock(base: ContinuousClock(), announce: announce)
    }

    private func openStore() throws -> SQLiteStateStore {
        try SQLiteStateStore(path: directory.appendingPathComponent(Self.databaseName).path)
    }

    /// Runs `body`; when an exercise is not written yet, says so and where, and returns false.
    func reportingUnfinishedExercises(_ body: (Demo) async throws -> Void) async -> Bool {
        do {
            try await body(self)
            return true
        } catch LabError.notImplemented(let function) {
            print("""

                ✗ \(function) is not implemented yet.
                  Write it in labs/ch11-state/ (the assignment: labs/ch11-state/README.md),
                  check it with:        swift run ch11-state check
                  or see the demo with: swift run ch11-state --solution
                """)
        } catch {
            print("\n✗ The demo stopped: \(error)")
        }
        return false
    }

    // MARK: - First life

    /// Creates the tasks and runs the steps until the process kills itself during the rollout.
    func firstLife() async throws {
        let store = try openStore()
        print("① First life, process \(getpid())")
        for step in Step.allCases {
            try await store.save(AgentTask(id: step.taskID, input: "deploy app:1.4.2: \(step.rawValue)", createdAt: now()))
        }
        print("  Saved \(Step.allCases.count) steps of deploy-1 as pending.\n")

        print("  ▸ build: retried with backoff while the registry is flaky")
        let attempts = Recorder<Int>()
        let announcing = announcingClock { print("      waiting \($0.compact) before the next attempt") }
        let image = try await exercises.executeTaskIfNotDone(Step.build.taskID, store, now) { _ in
            try await exercises.executeWithRetry(4, announcing) {
                let attempt = attempts.append(attempts.count + 1)
                guard attempt >= 3 else {
                    print("      attempt \(attempt) failed: registry timed out (HTTP 503)")
                    throw DemoError.registryTimeout
                }
                try record(.build)
                print("      attempt \(attempt) succeeded")
                return "image app:1.4.2"
            }
        }
        print("    ✓ build completed: \(image)\n")

        print("  ▸ push")
        _ = try await exercises.executeTaskIfNotDone(Step.push.taskID, store, now) { _ in
            try record(.push)
            return "pushed app:1.4.2"
        }
        print("    ✓ push completed\n")

        print("  ▸ smoke-test, with a deadline of 1s: the health endpoint never answers")
        do {
            _ = try await exercises.runWithDeadline(Step.smokeTest.taskID, .seconds(1), clock, store, now) { _ in
                try record(.smokeTest)
                try await waitUntilCancelled()
            }
            print("    ? the smoke test passed, although its endpoint never answered")
        } catch LabError.deadlineExceeded {
            print("    ✗ deadline exceeded: the test was cancelled and the step saved as failed\n")
        }

        print("  ▸ rollout")
        _ = try await exercises.executeTaskIfNotDone(Step.rollout.taskID, store, now) { _ in
            try record(.rollout)
            print("    rolling out to 3 hosts…")
            print("    💥 the process is killed in the middle of the rollout (SIGKILL)")
            fflush(nil)
            kill(getpid(), SIGKILL)
            return "unreachable"
        }
    }

    // MARK: - Second life

    /// Shows what the crash left on disk, resumes every step, and counts the side effects.
    func secondLife() async throws {
        let store = try openStore()
        print("② Second life, process \(getpid()): the state on disk")
        for step in Step.allCases {
            guard let task = try await store.task(id: step.taskID) else { continue }
            let detail = task.result ?? task.error ?? (task.state == .running ? "interrupted" : "")
            print("    \(pad(task.id, 22)) \(pad(task.state.rawValue, 10)) \(detail)")
        }

        print("\n  Resuming every step:")
        for step in Step.allCases {
            let before = try await store.task(id: step.taskID)?.state
            let result = try await exercises.resumeTask(step.taskID, store, now) { _ in
                try record(step)
                return "\(step.rawValue) done on the second try"
            }
            let how = switch before {
            case .completed?: "already completed, not run again"
            case .failed?: "failed before: back to pending, run again"
            case .running?: "left running by the crash: run again"
            default: "run"
            }
            print("    ✓ \(pad(step.rawValue, 11)) \(how) → \(result)")
        }

        let effects = try String(contentsOf: directory.appendingPathComponent(Self.effectsName), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        print("\n  Side effects across both lives (\(Self.effectsName)):")
        for step in Step.allCases {
            let count = effects.filter { $0 == step.rawValue }.count
            print("    \(pad(step.rawValue, 11)) ×\(count)")
        }
        print("\n  Completed steps ran once. Only the failed and the interrupted steps ran again,")
        print("  which is why each step's own work must be safe to repeat.")
    }

    // MARK: - Helpers

    /// Appends a step's side effect to the log that outlives both processes.
    private func record(_ step: Step) throws {
        let url = directory.appendingPathComponent(Self.effectsName)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\(step.rawValue)\n".utf8))
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}

enum DemoError: Error, CustomStringConvertible {
    case registryTimeout

    var description: String { "registry timed out (HTTP 503)" }
}

/// A clock that says how long it is about to wait, then waits on its base clock.
struct AnnouncingClock<Base: Clock>: Clock where Base.Duration == Duration {
    let base: Base
    let announce: @Sendable (Duration) -> Void

    var now: Base.Instant { base.now }
    var minimumResolution: Duration { base.minimumResolution }

    func sleep(until deadline: Base.Instant, tolerance: Duration?) async throws {
        announce(now.duration(to: deadline))
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}

/// Suspends until the task is cancelled, then throws `CancellationError`: a call that never answers.
func waitUntilCancelled() async throws -> Never {
    let (never, _) = AsyncStream<Never>.makeStream()
    for await _ in never {}
    throw CancellationError()
}
