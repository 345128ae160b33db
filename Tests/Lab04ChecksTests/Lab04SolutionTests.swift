import Lab04AutonomySolution
import Lab04Checks
import LabChecks
import LabKit
import Testing

@Suite("Lab 04 checks on the reference solution and on the stubs")
struct Lab04SolutionTests {
    @Test("the check passes on the reference solution", arguments: Lab04Checks.suite.checks.map(\.id))
    func checkPassesOnSolution(id: String) async throws {
        let check = try #require(Lab04Checks.suite.checks.first { $0.id == id })
        let result = await CheckRunner.lenient.run(check, on: Lab04AutonomySolution.exercises)
        #expect(result.status == .pass, "\(result.message ?? "")")
        #expect(result.points == check.points)
    }

    @Test("the stubs score zero: every check fails saying what is not implemented yet")
    func stubsScoreZero() async {
        let report = await CheckRunner().run(Lab04Checks.suite, on: Lab04Exercises.unwritten)
        #expect(report.checks.count == Lab04Checks.suite.checks.count)
        #expect(report.score == 0)
        for result in report.checks {
            #expect(result.status == .fail, "\(result.id) ended \(result.status.rawValue)")
            #expect(result.unimplemented != nil, "\(result.id): \(result.message ?? "no message")")
        }
    }

    @Test("check ids are unique and read lab04.topic.behaviour")
    func checkIDsAreUniqueAndDotted() {
        let ids = Lab04Checks.suite.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == "lab04" && parts.allSatisfy { !$0.isEmpty }, "\(id)")
        }
    }

    @Test("at least two checks go over HTTP to the mock server")
    func httpChecks() {
        #expect(Lab04Checks.suite.checks.filter { $0.id.hasPrefix("lab04.http.") }.count >= 2)
    }
}
