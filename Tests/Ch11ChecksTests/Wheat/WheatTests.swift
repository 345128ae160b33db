import LabChecks
import Ch11Checks
import LabKit
import Testing

@Suite("Wheats: alternative correct implementations pass every check")
struct WheatTests {
    @Test("every check passes on a correct implementation written another way", arguments: Wheat.all)
    func everyCheckPasses(_ wheat: Wheat) async {
        let report = await CheckRunner.lenient.run(Ch11Checks.suite, on: wheat.exercises)
        let failures = report.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.message ?? "")" }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(report.checks.count == Ch11Checks.suite.checks.count)
        #expect(report.score == report.maxScore)
    }
}
