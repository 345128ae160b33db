import Ch21Checks
import Ch21ProductionSolution
import LabChecks
import LabKit
import Testing

@Suite("Chapter 21 checks on the reference solution and on the stubs")
struct Ch21SolutionTests {
    @Test("the check passes on the reference solution", arguments: Ch21Checks.suite.checks.map(\.id))
    func checkPassesOnSolution(id: String) async throws {
        let check = try #require(Ch21Checks.suite.checks.first { $0.id == id })
        let result = await CheckRunner.lenient.run(check, on: Ch21ProductionSolution.exercises)
        #expect(result.status == .pass, "\(result.message ?? "")")
        #expect(result.points == check.points)
    }

    @Test("the stubs score zero: every check fails saying what is not implemented yet")
    func stubsScoreZero() async {
        let report = await CheckRunner().run(Ch21Checks.suite, on: Ch21Exercises.unwritten)
        #expect(report.checks.count == Ch21Checks.suite.checks.count)
        #expect(report.score == 0)
        for result in report.checks {
            #expect(result.status == .fail, "\(result.id) ended \(result.status.rawValue)")
            #expect(result.message?.contains("is not implemented yet") == true, "\(result.id): \(result.message ?? "no message")")
            #expect(result.unimplemented != nil, "\(result.id) does not name the unwritten function")
        }
    }

    @Test("check ids are unique and read ch21.topic.behaviour")
    func checkIDsAreUniqueAndDotted() {
        let ids = Ch21Checks.suite.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == "ch21" && parts.allSatisfy { !$0.isEmpty }, "\(id)")
        }
    }
}
