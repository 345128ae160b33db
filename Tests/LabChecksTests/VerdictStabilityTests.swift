import Foundation
import LabChecks
import LabKit
import Synchronization
import Testing

/// Keeps both cores busy while a test runs, so that the runner is judged under load.
private final class Load: Sendable {
    private let running = Atomic<Bool>(true)

    init(threads: Int = 2) {
        for _ in 0..<threads {
            Thread.detachNewThread { [self] in
                var spin = 0
                while running.load(ordering: .relaxed) { spin &+= 1 }
            }
        }
    }

    func stop() { running.store(false, ordering: .relaxed) }
}

/// Suspends until the calling task is cancelled, then returns normally: what a check looks
/// like whose waits are released by cancellation.
private func untilCancelled() async {
    for await _ in AsyncStream<Never>(unfolding: { await withUnsafeContinuation { _ in } }) {}
}

/// Burns real CPU for a moment: slow code that still finishes.
private func spin(milliseconds: Int) {
    let end = DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
    while DispatchTime.now().uptimeNanoseconds < end {}
}

struct StabilitySubject: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: CheckResult.Status
    let check: Check<Int>
    var testDescription: String { name }

    init(_ name: String, _ expected: CheckResult.Status, limit: Duration = .milliseconds(40),
         _ body: @escaping @Sendable (Int, CheckContext) async throws -> Void) {
        self.name = name
        self.expected = expected
        check = Check(id: "x.\(name)", title: name, points: 1, hint: "", timeLimit: limit, body: body)
    }
}

let stabilitySubjects: [StabilitySubject] = [
    StabilitySubject("a wait for sleepers that never come, released by cancellation", .timeout) { _, context in
        let clock = context.clock(.manual)
        try? await clock.waitForSleepers(2)
    },
    StabilitySubject("a hang that returns normally once cancelled", .timeout) { _, _ in
        await untilCancelled()
    },
    StabilitySubject("a deadline race with no timer: the work outlives the check", .timeout) { _, context in
        let clock = context.clock(.manual)
        let work = Task { try await clock.sleep(for: .seconds(10)) }
        defer { work.cancel() }
        try? await clock.waitForSleepers(2)
    },
    StabilitySubject("slow code that finishes", .pass, limit: .seconds(30)) { _, _ in
        spin(milliseconds: 2)
    },
    StabilitySubject("slow code that breaks the contract", .fail, limit: .seconds(30)) { _, _ in
        spin(milliseconds: 2)
        throw CheckFailure("expected 1, got 2")
    },
    StabilitySubject("a timer stepping one second at a time beats ten seconds of work", .pass, limit: .seconds(30)) { _, context in
        let clock = context.clock(.manual)
        let race = Task {
            try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await clock.sleep(for: .seconds(10)); return "work" }
                group.addTask {
                    for _ in 1...5 { try await clock.sleep(for: .seconds(1)) }
                    return "timer"
                }
                defer { group.cancelAll() }
                return try await group.next() ?? "nothing"
            }
        }
        try await clock.waitForSleepers(2)
        clock.advance(by: .seconds(5))
        try expect(try await race.value, equals: "timer", "the winner")
    },
]

/// One subject at a time, each with a spinning thread beside it: load enough to shake out a
/// verdict that depends on timing, without starving the suites that run alongside.
@Suite("CheckRunner: the verdict is a function of the code alone", .serialized)
struct VerdictStabilityTests {
    static let runs = 40

    @Test("hanging, slow and racing checks get the same verdict on every run, under load", arguments: stabilitySubjects)
    func verdictNeverChanges(_ subject: StabilitySubject) async {
        let load = Load(threads: 1)
        defer { load.stop() }
        let statuses = await withTaskGroup(of: CheckResult.Status.self) { group in
            for _ in 0..<Self.runs {
                group.addTask { await CheckRunner().run(subject.check, on: 0).status }
            }
            var statuses: [CheckResult.Status] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
        let changed = statuses.filter { $0 != subject.expected }
        #expect(statuses.count == Self.runs)
        #expect(changed.isEmpty, "\(changed.count) of \(Self.runs) runs ended \(Set(changed.map(\.rawValue))), not \(subject.expected.rawValue)")
    }
}
