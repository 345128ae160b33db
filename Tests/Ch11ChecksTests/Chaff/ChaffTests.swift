import LabChecks
import Ch11Checks
import LabKit
import Testing

@Suite("Chaffs: every known-buggy implementation is caught by the checks meant to catch it")
struct ChaffTests {
    @Test("the checks named for a chaff do not pass on it", arguments: Chaff.all)
    func namedChecksCatchTheChaff(_ chaff: Chaff) async throws {
        let report = await ChaffReports.shared.report(for: chaff)
        let failing = report.checks.filter { $0.status != .pass }
        #expect(!failing.isEmpty, "no check caught the chaff")
        #expect(report.score < report.maxScore)
        for id in chaff.caughtBy {
            let result = try #require(report.checks.first { $0.id == id }, "\(id) was not run")
            #expect(result.status != .pass, "\(id) passed on this chaff")
            #expect(result.points == 0)
        }
        if chaff.timeLimit != nil {
            // A chaff with a lowered limit is there because it hangs: it must be a timeout.
            #expect(failing.contains { $0.status == .timeout && chaff.caughtBy.contains($0.id) },
                    "expected one of \(chaff.caughtBy) to time out, got \(failing.map { "\($0.id): \($0.status)" })")
        }
    }

    @Test("a retry that sleeps on the real clock fails, and the message says \"slept for real? … use the injected clock\"")
    func realSleepIsReportedAsSuch() async throws {
        let chaff = try #require(Chaff.all.first { $0.name.contains("Task.sleep") })
        let report = await ChaffReports.shared.report(for: chaff)
        let result = try #require(report.checks.first)
        #expect(report.checks.count == 1)
        #expect(result.status == .fail)
        #expect(result.message?.contains("(slept for real? The check took ") == true,
                "got \(result.message ?? "no message")")
        #expect(result.message?.hasSuffix("use the injected clock, not Task.sleep.)") == true,
                "got \(result.message ?? "no message")")
    }

    @Test("every check catches at least one chaff (prints which checks catch which chaff)")
    func everyCheckCatchesSomeChaff() async {
        let names = Chaff.all.map(\.name)
        #expect(Set(names).count == names.count, "chaff names must be unique")

        var caught: [String: [String]] = [:]
        for chaff in Chaff.all {
            let report = await ChaffReports.shared.report(for: chaff)
            caught[chaff.name] = report.checks.filter { $0.status != .pass }.map { result in
                result.status == .fail ? result.id : "\(result.id) (\(result.status.rawValue))"
            }
        }
        let width = names.map(\.count).max() ?? 0
        var lines = ["Which checks catch which chaff:"]
        for name in names {
            let padded = name.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(padded) → \((caught[name] ?? []).joined(separator: ", "))")
        }
        print(lines.joined(separator: "\n"))

        let catching = Set(caught.values.joined().map { $0.components(separatedBy: " ")[0] })
        // Elsewhere than Linux the checks that watch the folder with inotify cannot fail.
        let idle = Ch11Checks.suite.checks.map(\.id).filter { id in
            !catching.contains(id) && (!Chaff.watchingChecks.contains(id) || !linuxOnly([id]).isEmpty)
        }
        #expect(idle.isEmpty, "checks that no chaff trips: \(idle)")
    }
}
