import Ch21Checks
import LabChecks
import LabKit
import Testing

@Suite("Chaffs: every known-buggy chapter 21 implementation is caught by the checks meant to catch it")
struct ChaffTests {
    @Test("the checks named for a chaff do not pass on it", arguments: Chaff.all)
    func namedChecksCatchTheChaff(_ chaff: Chaff) async throws {
        let report = await ChaffReports.shared.report(for: chaff)
        #expect(report.score < report.maxScore, "no check caught the chaff")
        for id in chaff.caughtBy {
            let result = try #require(report.checks.first { $0.id == id }, "\(id) was not run")
            #expect(result.status != .pass, "\(id) passed on this chaff")
            #expect(result.points == 0)
        }
        if chaff.timeLimit != nil {
            #expect(report.checks.contains { $0.status == .timeout && chaff.caughtBy.contains($0.id) },
                    "expected one of \(chaff.caughtBy) to time out")
        }
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
            lines.append("  \(name.padding(toLength: width, withPad: " ", startingAt: 0)) → \((caught[name] ?? []).joined(separator: ", "))")
        }
        print(lines.joined(separator: "\n"))
        let catching = Set(caught.values.joined().map { $0.components(separatedBy: " ")[0] })
        let idle = Ch21Checks.suite.checks.map(\.id).filter { !catching.contains($0) }
        #expect(idle.isEmpty, "checks that no chaff trips: \(idle)")
    }
}
