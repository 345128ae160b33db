import Ch21Checks
import Ch21ProductionSolution
import Foundation
import LabKit

// Buggy queue operations.

extension Chaff {
    static let queue: [Chaff] = [
        claiming("claim: the lowest priority first", caughtBy: ["ch21.claim.priority-first"]) { task, leader in
            task.priority < leader.priority || (task.priority == leader.priority && task.runAt < leader.runAt)
        },
        claiming("claim: ties go to array order, runAt ignored", caughtBy: ["ch21.claim.oldest-among-equals"]) { task, leader in
            task.priority > leader.priority
        },
        claiming("claim: ties go to the last in the array (>=)", caughtBy: ["ch21.claim.oldest-among-equals"]) { task, leader in
            task.priority > leader.priority || (task.priority == leader.priority && task.runAt <= leader.runAt)
        },
        claiming("claim: tasks scheduled for later are claimed too", caughtBy: ["ch21.claim.only-claimable"], ignoresRunAt: true) { task, leader in
            task.priority > leader.priority || (task.priority == leader.priority && task.runAt < leader.runAt)
        },
        claiming("claim: any unfinished task is claimable, running ones too", caughtBy: ["ch21.claim.only-claimable"], claimable: { !$0.isFinished }) { task, leader in
            task.priority > leader.priority || (task.priority == leader.priority && task.runAt < leader.runAt)
        },
        claimed("claim: the lease version is not bumped", caughtBy: ["ch21.claim.leases"]) { task in
            task.leaseVersion -= 1
            task.lease?.token -= 1
        },
        claimed("claim: the attempt is not counted", caughtBy: ["ch21.claim.leases"]) { task in
            task.attempts -= 1
        },
        Chaff(
            name: "claim: the claim is returned but not stored in the array",
            exercises: solution { $0.claimNext = { tasks, worker, lease, now in
                var copy = tasks
                return try claimNext(in: &copy, worker: worker, leaseFor: lease, now: now)
            } },
            caughtBy: ["ch21.claim.leases", "ch21.claim.oldest-among-equals"]
        ),
        completing("complete: no expiry check", caughtBy: ["ch21.complete.expired-refused"], checksExpiry: { _, _, _ in true }),
        completing("complete: the lease still counts at its expiry (now <= expiresAt)", caughtBy: ["ch21.complete.expired-refused"],
                   checksExpiry: { now, stored, _ in now <= stored.expiresAt }),
        completing("complete: expiry read from the caller's copy of the lease", caughtBy: ["ch21.complete.renewed-lease"],
                   checksExpiry: { now, _, caller in now < caller.expiresAt }),
        completing("complete: no token check", caughtBy: ["ch21.complete.stale-token-refused"], checksToken: false),
        completing("complete: no worker check", caughtBy: ["ch21.complete.other-worker-refused"], checksWorker: false),
        completing("complete: no state check (a lease left on a rescued task completes it)", caughtBy: ["ch21.complete.not-running-refused"], checksState: false),
        Chaff(
            name: "complete: the lease is kept on the completed task",
            exercises: solution { $0.complete = { tasks, lease, result, now in
                let stored = tasks.first { $0.id == lease.taskID }?.lease
                var done = try complete(in: &tasks, lease: lease, result: result, now: now)
                done.lease = stored
                if let index = tasks.firstIndex(where: { $0.id == done.id }) { tasks[index] = done }
                return done
            } },
            caughtBy: ["ch21.complete.holder"]
        ),
        Chaff(
            name: "complete: an unknown task is reported as leaseLost",
            exercises: solution { $0.complete = { tasks, lease, result, now in
                guard tasks.contains(where: { $0.id == lease.taskID }) else {
                    throw QueueError.leaseLost(taskID: lease.taskID, reason: "no such task")
                }
                return try complete(in: &tasks, lease: lease, result: result, now: now)
            } },
            caughtBy: ["ch21.complete.unknown-task"]
        ),
        rescuing("rescue: a lease expiring exactly now is left alone (<)", caughtBy: ["ch21.rescue.expired-retried"]) { tasks, now in
            try rescueExpired(in: &tasks, now: now.addingTimeInterval(-0.001))
        },
        rescuing("rescue: rescued tasks go back to available", caughtBy: ["ch21.rescue.expired-retried"]) { tasks, now in
            let ids = try rescueExpired(in: &tasks, now: now)
            for index in tasks.indices where ids.contains(tasks[index].id) && tasks[index].state == .retrying { tasks[index].state = .available }
            return ids
        },
        rescuing("rescue: runAt is left as it was", caughtBy: ["ch21.rescue.expired-retried"]) { tasks, now in
            let before = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0.runAt) })
            let ids = try rescueExpired(in: &tasks, now: now)
            for index in tasks.indices where ids.contains(tasks[index].id) { tasks[index].runAt = before[tasks[index].id] ?? now }
            return ids
        },
        rescuing("rescue: the lease version is reset to zero", caughtBy: ["ch21.rescue.expired-retried"]) { tasks, now in
            let ids = try rescueExpired(in: &tasks, now: now)
            for index in tasks.indices where ids.contains(tasks[index].id) { tasks[index].leaseVersion = 0 }
            return ids
        },
        rescuing("rescue: never dead, always retrying", caughtBy: ["ch21.rescue.last-attempt-dead"]) { tasks, now in
            let ids = try rescueExpired(in: &tasks, now: now)
            for index in tasks.indices where ids.contains(tasks[index].id) {
                tasks[index].state = .retrying
                tasks[index].runAt = now
                tasks[index].finishedAt = nil
            }
            return ids
        },
        rescuing("rescue: a dead task gets no finishedAt", caughtBy: ["ch21.rescue.last-attempt-dead"]) { tasks, now in
            let ids = try rescueExpired(in: &tasks, now: now)
            for index in tasks.indices where tasks[index].state == .dead { tasks[index].finishedAt = nil }
            return ids
        },
    ]

    /// A `claimNext` that picks with `better` (is `task` better than `leader`?) among the tasks
    /// `claimable` allows.
    static func claiming(
        _ name: String, caughtBy: [String], ignoresRunAt: Bool = false,
        claimable: @escaping @Sendable (QueueTask.State) -> Bool = { $0.isClaimable },
        better: @escaping @Sendable (QueueTask, QueueTask) -> Bool
    ) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { $0.claimNext = { tasks, worker, leaseFor, now in
                var best: Int?
                for index in tasks.indices where claimable(tasks[index].state) && (ignoresRunAt || tasks[index].runAt <= now) {
                    if let current = best, !better(tasks[index], tasks[current]) { continue }
                    best = index
                }
                guard let index = best else { return nil }
                tasks[index].state = .running
                tasks[index].attempts += 1
                tasks[index].leaseVersion += 1
                let lease = Lease(taskID: tasks[index].id, worker: worker, token: tasks[index].leaseVersion, expiresAt: now.adding(leaseFor))
                tasks[index].lease = lease
                return Claim(task: tasks[index], lease: lease)
            } },
            caughtBy: caughtBy
        )
    }

    /// The solution's `claimNext` with the claimed task changed by `change` afterwards.
    static func claimed(_ name: String, caughtBy: [String], change: @escaping @Sendable (inout QueueTask) -> Void) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { $0.claimNext = { tasks, worker, leaseFor, now in
                guard var claim = try claimNext(in: &tasks, worker: worker, leaseFor: leaseFor, now: now) else { return nil }
                change(&claim.task)
                if let lease = claim.task.lease { claim.lease = lease }
                if let index = tasks.firstIndex(where: { $0.id == claim.task.id }) { tasks[index] = claim.task }
                return claim
            } },
            caughtBy: caughtBy
        )
    }

    /// A `complete` that leaves out one part of the fence.
    static func completing(
        _ name: String, caughtBy: [String], checksState: Bool = true, checksToken: Bool = true, checksWorker: Bool = true,
        checksExpiry: @escaping @Sendable (Date, Lease, Lease) -> Bool = { now, stored, _ in now < stored.expiresAt }
    ) -> Chaff {
        Chaff(
            name: name,
            exercises: solution { $0.complete = { tasks, lease, result, now in
                guard let index = tasks.firstIndex(where: { $0.id == lease.taskID }) else { throw QueueError.taskNotFound(id: lease.taskID) }
                let task = tasks[index]
                guard let stored = task.lease,
                      !checksState || task.state == .running,
                      !checksToken || task.leaseVersion == lease.token,
                      !checksWorker || stored.worker == lease.worker,
                      checksExpiry(now, stored, lease) else {
                    throw QueueError.leaseLost(taskID: task.id, reason: "fenced")
                }
                tasks[index].state = .completed
                tasks[index].result = result
                tasks[index].lease = nil
                tasks[index].finishedAt = now
                return tasks[index]
            } },
            caughtBy: caughtBy
        )
    }

    static func rescuing(
        _ name: String, caughtBy: [String],
        _ rescue: @escaping @Sendable (inout [QueueTask], Date) throws -> [String]
    ) -> Chaff {
        Chaff(name: name, exercises: solution { $0.rescueExpired = rescue }, caughtBy: caughtBy)
    }
}
