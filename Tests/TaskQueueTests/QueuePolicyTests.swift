import Foundation
import LabKit
import Testing

@Suite("The queue's retry policy: exponential ceilings, full jitter, a cap")
struct QueuePolicyTests {
    let policy = QueuePolicy(maxAttempts: 5, backoffBase: .milliseconds(100), backoffCap: .seconds(2))

    @Test("the ceiling doubles from the base after each failed attempt and stops at the cap")
    func ceilingsDoubleThenCap() {
        let ceilings = (1...7).map { policy.ceiling(afterAttempt: $0) }
        #expect(ceilings == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800),
                             .milliseconds(1600), .seconds(2), .seconds(2)])
        #expect(policy.ceiling(afterAttempt: 500) == .seconds(2))
    }

    @Test("waits are drawn within the ceiling, spread over it, and repeat for the same seed")
    func waitsAreJitteredAndSeeded() {
        let first = SeededRandom(seed: 3), again = SeededRandom(seed: 3)
        let waits = (0..<300).map { _ in policy.backoff(afterAttempt: 3, random: first) }
        #expect(waits.allSatisfy { $0 >= .zero && $0 <= .milliseconds(400) })
        #expect(waits.max() ?? .zero > .milliseconds(360))
        #expect(waits.min() ?? .seconds(1) < .milliseconds(40))
        #expect((0..<300).map { _ in policy.backoff(afterAttempt: 3, random: again) } == waits)
    }

    @Test("counts add up by state and say which states hold tasks")
    func countsDescribeThemselves() {
        var counts = QueueCounts([.available: 2, .dead: 1])
        counts[.completed] += 3
        #expect(counts.total == 6)
        #expect(counts.finished == 4)
        #expect(counts.description == "available 2, completed 3, dead 1")
        #expect(QueueCounts().description == "empty")
    }
}
