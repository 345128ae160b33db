import Lab02ToolsSolution
import Lab02Checks
import LabChecks
import LabKit
import Testing

@Suite("Lab 02 checks on the reference solution and on the stubs")
struct Lab04SolutionTests {
    @Test("the check passes on the reference solution", arguments: Lab02Checks.suite.checks.map(\.id))
    func checkPassesOnSolution(id: String) async throws {
        let check = try #require(Lab02Checks.suite.checks.first { $0.id == id })
        let result = await CheckRunner.lenient.run(check, on: Lab02ToolsSolution.exercises)
        #expect(result.status == .pass, "\(result.message ?? "")")
        #expect(result.points == check.points)
    }

    @Test("the stubs score zero: every check fails saying what is not implemented yet")
    func stubsScoreZero() async {
        let report = await CheckRunner().run(Lab02Checks.suite, on: Lab02Exercises.unwritten)
        #expect(report.checks.count == Lab02Checks.suite.checks.count)
        #expect(report.score == 0)
        for result in report.checks {
            #expect(result.status == .fail, "\(result.id) ended \(result.status.rawValue)")
            #expect(result.unimplemented != nil, "\(result.id): \(result.message ?? "no message")")
        }
    }

    @Test("check ids are unique and read lab02.topic.behaviour")
    func checkIDsAreUniqueAndDotted() {
        let ids = Lab02Checks.suite.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == "lab02" && parts.allSatisfy { !$0.isEmpty }, "\(id)")
        }
    }

    @Test("at least two checks go over HTTP to the mock server")
    func httpChecks() {
        #expect(Lab02Checks.suite.checks.filter { $0.id.hasPrefix("lab02.http.") }.count >= 2)
    }
}
