import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

/// A small deterministic generator, so that a failing fuzz case can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

@Suite("fuzz")
struct FuzzTests {
    static let runs = 10_000

    /// Valid requests to mutate: the labs' shapes, streaming and not.
    static let seeds: [Data] = [
        Requests.lab04(), Requests.lab04(stream: true, includeUsage: true), Requests.user("hello"),
        Requests.lab04([.assistant(toolCalls: [ToolCall(id: "c", name: "check_disk", arguments: "{}")]), .tool("Disk Usage: 95%", callID: "c")]),
    ].compactMap { try? ChatWire.encode($0) }

    static let fragments = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1e309", "1e400", "\u{0}", "\\u0000", "\\ud800", "\"messages\"",
        "\"role\"", "\"tool_calls\"", "{\"role\":\"tool\"}", "9999999999999999999999", "\u{FFFD}", "🙂", "\"stream\":true",
    ]

    static func mutate(_ data: Data, _ random: inout SplitMix) -> Data {
        var bytes = [UInt8](data)
        switch Int.random(in: 0..<7, using: &random) {
        case 0:  // random bytes
            return Data((0..<Int.random(in: 0..<200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 1:  // flip bytes
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case 2:  // truncate
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
        case 3:  // insert a JSON fragment
            let fragment = Array((fragments.randomElement(using: &random) ?? "{").utf8)
            bytes.insert(contentsOf: fragment, at: Int.random(in: 0...bytes.count, using: &random))
        case 4:  // delete a span
            if bytes.count > 2 {
                let start = Int.random(in: 0..<bytes.count - 1, using: &random)
                bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...20, using: &random)))
            }
        case 5:  // replace a value's type
            let text = String(decoding: bytes, as: UTF8.self)
            // An array, not a dictionary: a dictionary's order changes from run to run.
            let replacements = [("\"gpt-4o-mini\"", "[]"), ("\"user\"", "42"), ("\"function\"", "{}"), ("true", "\"yes\""), ("\"check_disk\"", "null")]
            let (key, value) = replacements.randomElement(using: &random) ?? ("", "")
            bytes = Array(text.replacingOccurrences(of: key, with: value).utf8)
        default:  // duplicate
            bytes += bytes
        }
        return Data(bytes)
    }

    @Test("10,000 random and mutated requests all get 200 or a 4xx with an OpenAI error body, and the server still answers")
    func randomAndMutatedRequests() async throws {
        let harness = try MockHarness(.builtIn("lab04-autonomy"), maxBodyBytes: 64 * 1024)
        let statuses = try await harness.test { client async throws -> [Int: Int] in
            var random = SplitMix(state: 2026)
            var statuses: [Int: Int] = [:]
            for run in 0..<Self.runs {
                let seed = Self.seeds[run % Self.seeds.count]
                let body = Self.mutate(seed, &random)
                let response = try await client.chat(raw: body)
                let status = Int(response.status.code)
                statuses[status, default: 0] += 1
                if status != 200 {
                    #expect((400..<500).contains(status), "run \(run): status \(status) for \(String(decoding: body, as: UTF8.self))")
                    let error = try? response.decode(OpenAIErrorBody.self)
                    #expect(error?.error.message.isEmpty == false, "run \(run): \(response.text)")
                }
            }
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let answer = try await client.chat(Requests.lab04())
            #expect(answer.status == .ok)
            return statuses
        }
        #expect(statuses.values.reduce(0, +) == Self.runs)
        print("fuzz: \(Self.runs) requests, statuses \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " "))")
    }
}
