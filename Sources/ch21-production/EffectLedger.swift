import Ch21Demo
import LabKit

/// What the effect ledger says about exactly-once: how many effects were applied, which tasks
/// applied theirs more than once, and how many completed tasks applied none.
struct EffectLedger: Codable {
    /// Effects in the ledger, of every run.
    var effects: Int
    /// Tasks whose effect was applied more than once.
    var doubled: [String]
    /// Completed tasks in the queue whose effect is not in the ledger.
    var missing: Int

    static func read(_ queue: some TaskQueue) async throws -> EffectLedger {
        let applied = try await queue.appliedEffects()
        var perTask: [String: Int] = [:]
        for effect in applied { perTask[effect.taskID, default: 0] += 1 }
        var completedWithEffect = 0
        for id in perTask.keys where try await queue.task(id: id)?.state == .completed {
            completedWithEffect += 1
        }
        let completed = try await queue.counts()[.completed]
        return EffectLedger(effects: applied.count, doubled: perTask.filter { $0.value > 1 }.map(\.key).sorted(),
                            missing: completed - completedWithEffect)
    }
}
