import Lab04Checks
import LabChecks
import LabKit
import Testing

extension KnownVariant: CustomTestStringConvertible {
    public var testDescription: String { name }
}

let chaffReports = VariantReports(Lab04Checks.suite)

@Suite("Lab 04 chaffs: every known-buggy implementation is caught by the checks meant to catch it")
struct ChaffTests {
    @Test("the checks named for a chaff do not pass on it", arguments: chaffs)
    func namedChecksCatchTheChaff(_ chaff: Chaff) async throws {
        let report = await chaffReports.report(for: chaff)
        #expect(report.score < report.maxScore)
        for id in chaff.caughtBy {
            let result = try #require(report.checks.first { $0.id == id }, "\(id) was not run")
            #expect(result.status != .pass, "\(id) passed on this chaff")
        }
    }

    @Test("every check catches at least one chaff (prints which checks catch which chaff)")
    func everyCheckCatchesSomeChaff() async {
        let names = chaffs.map(\.name)
        #expect(Set(names).count == names.count, "chaff names must be unique")
        var caught: [String: [String]] = [:]
        for chaff in chaffs {
            let report = await chaffReports.report(for: chaff)
            caught[chaff.name] = report.checks.filter { $0.status != .pass }.map { result in
                result.status == .fail ? result.id : "\(result.id) (\(result.status.rawValue))"
            }
        }
        let width = names.map(\.count).max() ?? 0
        var lines = ["Which lab 04 checks catch which chaff:"]
        for name in names {
            lines.append("  \(name.padding(toLength: width, withPad: " ", startingAt: 0)) → \((caught[name] ?? []).joined(separator: ", "))")
        }
        print(lines.joined(separator: "\n"))
        let catching = Set(caught.values.joined().map { $0.components(separatedBy: " ")[0] })
        let idle = Lab04Checks.suite.checks.map(\.id).filter { !catching.contains($0) }
        #expect(idle.isEmpty, "checks that no chaff trips: \(idle)")
    }

    @Test("a loop that never stops is told so, not left to time out")
    func runawayLoopIsToldSo() async throws {
        let chaff = try #require(chaffs.first { $0.name.hasPrefix("loop: no step limit") })
        let report = await chaffReports.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == "lab04.loop.step-limit" })
        #expect(result.status == .fail)
        #expect(result.message?.contains("the loop never stops by itself") == true, "\(result.message ?? "")")
    }

    @Test("a forgotten assistant message is named as such")
    func forgottenAssistantIsNamed() async throws {
        let chaff = try #require(chaffs.first { $0.name == "loop: forgets the assistant message" })
        let report = await chaffReports.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == "lab04.loop.assistant-then-results" })
        #expect(result.message?.contains("the assistant message with the tool_calls is missing") == true, "\(result.message ?? "")")
    }

    @Test("a wrong tool_call_id is named as such")
    func wrongIDIsNamed() async throws {
        let chaff = try #require(chaffs.first { $0.name.contains("first call's tool_call_id") })
        let report = await chaffReports.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == "lab04.loop.every-call-in-order" })
        #expect(result.status == .fail)
        #expect(result.message?.contains("each tool message must carry the id of the call it answers") == true, "\(result.message ?? "")")
    }
}
