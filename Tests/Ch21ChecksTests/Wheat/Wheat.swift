import LabChecks
import Ch21Checks
import Ch21ProductionSolution
import LabKit
import Testing

/// A correct chapter 21 implementation written differently from the reference solution: the
/// solution with one closure replaced. Every check must pass on it.
struct Wheat: Sendable, CustomTestStringConvertible {
    let name: String
    let exercises: Ch21Exercises

    var testDescription: String { name }

    static let all: [Wheat] = [
        Wheat(name: "step: each step chained after the previous step's task for the same id",
              exercises: Chaff.solution { $0.makeStepper = { store in
                  let stepper = ChainingStepper(store: store)
                  return { id, body in try await stepper.step(id, body) }
              } }),
        Wheat(name: "checkpoint: a table of strategies and events, age in seconds, rotation by sorting",
              exercises: Chaff.solution {
                  $0.shouldCheckpoint = { try tableShouldCheckpoint($0, $1) }
                  $0.validateForResume = { try secondsValidate($0, maxAge: $1, resumable: $2, now: $3) }
                  $0.rotateCheckpoints = { try sortingRotate($0, keepLast: $1) }
              }),
        Wheat(name: "state: a reduce over the patches with one helper per patch",
              exercises: Chaff.solution { $0.applyPatches = { try reducingApply($0, to: $1) } }),
        Wheat(name: "context: prefix(while:) over the reversed facts, a filter and a running total for artifacts",
              exercises: Chaff.solution { $0.selectContext = { try functionalSelect($0, step: $1, maxBytes: $2) } }),
        Wheat(name: "queue: min(by:) over the claimable indices, a switch-based fence, map-based rescue",
              exercises: Chaff.solution {
                  $0.claimNext = { try minClaim(&$0, worker: $1, leaseFor: $2, now: $3) }
                  $0.complete = { try switchComplete(&$0, lease: $1, result: $2, now: $3) }
                  $0.rescueExpired = { mappingRescue(&$0, now: $1) }
              }),
        Wheat(name: "backoff: a Double in 0...1 from the generator times the ceiling in milliseconds",
              exercises: Chaff.solution { $0.fullJitterBackoff = { try doubleJitter(attempt: $0, base: $1, cap: $2, using: &$3) } }),
    ]
}

@Suite("Wheats: alternative correct chapter 21 implementations pass every check")
struct WheatTests {
    @Test("every check passes on a correct implementation written another way", arguments: Wheat.all)
    func everyCheckPasses(_ wheat: Wheat) async {
        let report = await CheckRunner.lenient.run(Ch21Checks.suite, on: wheat.exercises)
        let failures = report.checks.filter { $0.status != .pass }.map { "\($0.id): \($0.message ?? "")" }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(report.score == report.maxScore)
    }
}
