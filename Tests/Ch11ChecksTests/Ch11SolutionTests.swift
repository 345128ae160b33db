import Ch11StateSolution
import LabChecks
import Ch11Checks
import LabKit
import Testing

@Suite("Chapter 11 checks on the reference solution and on the stubs")
struct Ch11SolutionTests {
    @Test("the check passes on the reference solution", arguments: Ch11Checks.suite.checks.map(\.id))
    func checkPassesOnSolution(id: String) async throws {
        let check = try #require(Ch11Checks.suite.checks.first { $0.id == id })
        let result = await CheckRunner.lenient.run(check, on: Ch11StateSolution.exercises)
        #expect(result.status == .pass, "\(result.message ?? "")")
        #expect(result.points == check.points)
    }

    @Test("the stubs score zero: every check fails saying what is not implemented yet")
    func stubsScoreZero() async {
        let report = await CheckRunner().run(Ch11Checks.suite, on: Ch11Exercises.unwritten)
        #expect(report.checks.count == Ch11Checks.suite.checks.count)
        #expect(report.score == 0)
        #expect(report.maxScore == Ch11Checks.suite.maxScore)
        for result in report.checks {
            #expect(result.status == .fail, "\(result.id) ended \(result.status.rawValue)")
            #expect(result.message?.contains("is not implemented yet") == true,
                    "\(result.id): \(result.message ?? "no message")")
            #expect(result.unimplemented != nil, "\(result.id) does not name the unwritten function")
        }
        // The table reads one line per unwritten function, not one block per check.
        let table = report.table(heading: "stubs", color: false)
        let notImplemented = table.split(separator: "\n").filter { $0.contains("is not implemented yet") }
        #expect(notImplemented.count == Set(report.checks.compactMap(\.unimplemented)).count, "\(table)")
    }

    @Test("check ids are unique and read ch11.topic.behaviour")
    func checkIDsAreUniqueAndDotted() {
        let ids = Ch11Checks.suite.checks.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == "ch11" && parts.allSatisfy { !$0.isEmpty }, "\(id)")
        }
    }
}
