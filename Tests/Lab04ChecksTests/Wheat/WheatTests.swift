import Lab04Checks
import LabChecks
import Testing

let wheatReports = VariantReports(Lab04Checks.suite)

@Suite("Lab 04 wheats: alternative correct implementations pass every check")
struct WheatTests {
    @Test("every check passes on a correct implementation written another way", arguments: wheats)
    func everyCheckPasses(_ wheat: Wheat) async {
        let report = await wheatReports.report(for: wheat)
        let failures = report.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.message ?? "")" }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(report.score == report.maxScore)
    }

    @Test("there are at least five wheats")
    func enoughWheats() {
        #expect(wheats.count >= 5)
    }
}
