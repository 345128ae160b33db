import ArgumentParser
import Foundation
import LabChecks
import LabKit
import Testing

private let suite = CheckSuite<Int>(chapter: "demo", checks: [
    Check(id: "demo.a.one", title: "one", points: 1, hint: "hint one") { _, _ in },
    Check(id: "demo.a.two", title: "two", points: 2, hint: "hint two") { _, _ in throw CheckFailure("expected 2, got 3") },
    Check(id: "demo.b.three", title: "three", points: 3, hint: "hint three") { _, _ in },
])

@Suite("CheckOptions: --exact, --results-file and --list --json, which the grader uses")
struct CheckOptionsTests {
    @Test("--exact chooses checks by whole id, not by prefix, in the suite's order")
    func exactChoosesWholeIds() throws {
        let options = try CheckOptions.parse(["--exact", "demo.b.three", "--exact", "demo.a.one"])
        #expect(try options.selection(of: suite).map(\.id) == ["demo.a.one", "demo.b.three"])
        let prefix = try CheckOptions.parse(["--exact", "demo.a"])
        #expect(throws: ValidationError.self) { try prefix.selection(of: suite) }
    }

    @Test("--exact and --only together run the union")
    func exactAndOnly() throws {
        let options = try CheckOptions.parse(["--only", "demo.a", "--exact", "demo.b.three"])
        #expect(try options.selection(of: suite).count == 3)
        #expect(try CheckOptions.parse([]).selection(of: suite).count == 3)
        #expect(try CheckOptions.parse(["--only", "demo.b"]).selection(of: suite).map(\.id) == ["demo.b.three"])
    }

    @Test("--results-file appends one JSON line per result and fails the run when one fails")
    func resultsFileStreams() async throws {
        let directory = try TemporaryDirectory(prefix: "results-file")
        let path = directory.url.appendingPathComponent("results.jsonl").path
        let options = try CheckOptions.parse(["--results-file", path])
        await #expect(throws: ExitCode.self) { try await options.run(suite, on: 0, heading: "") }
        let results = ResultStream.read(path: path)
        #expect(results.map(\.id) == ["demo.a.one", "demo.a.two", "demo.b.three"])
        #expect(results.map(\.status) == [.pass, .fail, .pass])
        #expect(results[1].message == "expected 2, got 3")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test("a results file cut short in its last line keeps the lines before it")
    func truncatedLastLine() throws {
        let directory = try TemporaryDirectory(prefix: "results-file")
        let path = directory.url.appendingPathComponent("results.jsonl").path
        let stream = try ResultStream(path: path)
        try stream.append(CheckResult(id: "x", title: "t", status: .pass, points: 1, maxPoints: 1, message: nil, hint: "h", durationMilliseconds: 1))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"id\":\"y\",\"tit".utf8))
        try handle.close()
        #expect(ResultStream.read(path: path).map(\.id) == ["x"])
    }

    @Test("--list --json lists id, title, points and hint")
    func listJSON() throws {
        let options = try CheckOptions.parse(["--list", "--json", "--only", "demo.a"])
        let text = try options.listing(of: try options.selection(of: suite))
        let entries = try JSONDecoder().decode([CheckListing].self, from: Data(text.utf8))
        #expect(entries == [
            CheckListing(id: "demo.a.one", title: "one", points: 1, hint: "hint one"),
            CheckListing(id: "demo.a.two", title: "two", points: 2, hint: "hint two"),
        ])
    }
}
