import Foundation
import LabChecks
import LabKit

extension Ch21Checks {
    static let claim: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.claim.priority-first",
            title: "The claimable task with the highest priority is claimed first",
            points: 2,
            hint: "Among tasks that are available or retrying and whose runAt has come, pick the highest priority."
        ) { exercises, _ in
            var tasks = [queued("low", priority: 1, runAt: 0), queued("high", priority: 9, runAt: 5), queued("mid", priority: 5, runAt: 1)]
            let claim = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            try expect(claim?.task.id, equals: "high", "the claimed task")
        },
        Check(
            id: "ch21.claim.oldest-among-equals",
            title: "Among equal priorities the earliest runAt wins, then the first in the array",
            points: 2,
            hint: "Break priority ties by runAt (earliest first), then keep the task that comes first in the array."
        ) { exercises, _ in
            var tasks = [queued("b", priority: 5, runAt: 3), queued("c", priority: 5, runAt: 1), queued("d", priority: 5, runAt: 1)]
            let first = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            let second = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            let third = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            try expect([first, second, third].map { $0?.task.id }, equals: ["c", "d", "b"], "the claim order")
        },
        Check(
            id: "ch21.claim.only-claimable",
            title: "Only available and retrying tasks whose runAt has come are claimed; otherwise nothing is",
            points: 2,
            hint: "Skip tasks that are running, completed, dead or cancelled, and tasks whose runAt is after now; return nil and change nothing when none is left."
        ) { exercises, _ in
            var tasks = [
                queued("future", priority: 9, runAt: 11), queued("running", priority: 9, state: .running),
                queued("done", priority: 9, state: .completed), queued("dead", priority: 9, state: .dead),
                queued("cancelled", priority: 9, state: .cancelled), queued("retry", priority: 1, state: .retrying, runAt: 10),
            ]
            let claim = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            try expect(claim?.task.id, equals: "retry", "the claimed task")
            let before = tasks
            let none = try exercises.claimNext(&tasks, "w1", .seconds(30), at(10))
            try expect(none?.task.id, equals: nil, "the claim when nothing is claimable")
            try expect(tasks, equals: before, "the tasks after a claim of nothing")
        },
        Check(
            id: "ch21.claim.leases",
            title: "A claim makes the task running, counts the attempt, bumps the lease version and leases it until now + leaseFor",
            points: 3,
            hint: "state = .running, attempts += 1, leaseVersion += 1, lease = Lease(taskID:worker:token: leaseVersion, expiresAt: now + leaseFor); store it in the array and return it."
        ) { exercises, _ in
            var tasks = [queued("t1", attempts: 1, leaseVersion: 4)]
            let claim = try exercises.claimNext(&tasks, "w7", .seconds(30), at(10))
            let lease = Lease(taskID: "t1", worker: "w7", token: 5, expiresAt: at(40))
            try expect(claim?.lease, equals: lease, "the lease")
            var expected = queued("t1", state: .running, attempts: 2, leaseVersion: 5)
            expected.lease = lease
            try expect(claim?.task, equals: expected, "the claimed task")
            try expect(tasks, equals: [expected], "the tasks after the claim")
        },
    ]

    static let complete: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.complete.holder",
            title: "The holder of the current lease completes the task before the lease expires",
            points: 2,
            hint: "state = .completed, result, finishedAt = now, lease = nil; return the task and store it in the array."
        ) { exercises, _ in
            var tasks = [leased("t1", worker: "w1", token: 3, expiresAt: 40), queued("other")]
            let lease = Lease(taskID: "t1", worker: "w1", token: 3, expiresAt: at(40))
            let done = try exercises.complete(&tasks, lease, "ok", at(39))
            var expected = leased("t1", worker: "w1", token: 3, expiresAt: 40)
            expected.state = .completed
            expected.result = "ok"
            expected.lease = nil
            expected.finishedAt = at(39)
            try expect(done, equals: expected, "the completed task")
            try expect(tasks, equals: [expected, queued("other")], "the tasks after completing")
        },
        Check(
            id: "ch21.complete.renewed-lease",
            title: "Expiry is read from the stored lease: a lease renewed by a heartbeat still completes with its older copy",
            points: 1,
            hint: "A heartbeat moves the stored lease's expiresAt; compare now with the task's lease, not the caller's copy."
        ) { exercises, _ in
            var tasks = [leased("t1", worker: "w1", token: 3, expiresAt: 40)]
            let oldCopy = Lease(taskID: "t1", worker: "w1", token: 3, expiresAt: at(20))
            let done = try exercises.complete(&tasks, oldCopy, "ok", at(30))
            try expect(done.state, equals: .completed, "the state")
        },
        fenced(
            id: "ch21.complete.expired-refused",
            title: "A lease that has expired (now at or after expiresAt) cannot complete",
            hint: "Compare now with the stored lease's expiresAt: at expiry or later, throw QueueError.leaseLost and change nothing.",
            lease: Lease(taskID: "t1", worker: "w1", token: 3, expiresAt: at(40)), now: at(40)
        ),
        fenced(
            id: "ch21.complete.stale-token-refused",
            title: "A lease with an older token cannot complete, even before its own expiry (fencing)",
            hint: "The lease's token must equal the task's leaseVersion: a later claim superseded an older token.",
            lease: Lease(taskID: "t1", worker: "w1", token: 2, expiresAt: at(40)), now: at(10)
        ),
        fenced(
            id: "ch21.complete.other-worker-refused",
            title: "Another worker's lease cannot complete the task",
            hint: "The lease's worker must be the stored lease's worker.",
            lease: Lease(taskID: "t1", worker: "w2", token: 3, expiresAt: at(40)), now: at(10)
        ),
        Check(
            id: "ch21.complete.not-running-refused",
            title: "A task that is no longer running (rescued, cancelled, completed) cannot be completed",
            points: 2,
            hint: "Only a running task can be completed: throw QueueError.leaseLost for any other state, and change nothing."
        ) { exercises, _ in
            for state in [QueueTask.State.retrying, .cancelled, .completed, .dead] {
                var task = leased("t1", worker: "w1", token: 3, expiresAt: 40)
                task.state = state
                var tasks = [task]
                let error = try await caughtError { _ = try exercises.complete(&tasks, task.lease!, "late", at(10)) }
                guard case QueueError.leaseLost(let id, _)? = error else {
                    throw CheckFailure("expected QueueError.leaseLost for a \(state.rawValue) task, got \(outcome(error))")
                }
                try expect(id, equals: "t1", "the task id in leaseLost")
                try expect(tasks, equals: [task], "the tasks after a refused completion of a \(state.rawValue) task")
            }
        },
        Check(
            id: "ch21.complete.unknown-task",
            title: "Completing a task that is not in the array throws taskNotFound",
            points: 1,
            hint: "Find the task by lease.taskID; when none has it, throw QueueError.taskNotFound(id:)."
        ) { exercises, _ in
            var tasks = [queued("other")]
            let error = try await caughtError {
                _ = try exercises.complete(&tasks, Lease(taskID: "gone", worker: "w1", token: 1, expiresAt: at(40)), "ok", at(1))
            }
            try expect(thrown: error, equals: QueueError.taskNotFound(id: "gone"), "the error")
        },
    ]

    static let rescue: [Check<Ch21Exercises>] = [
        Check(
            id: "ch21.rescue.expired-retried",
            title: "Rescue turns running tasks whose lease expired (at or before now) into retrying, claimable now",
            points: 3,
            hint: "For each running task with lease.expiresAt <= now and attempts < maxAttempts: state = .retrying, runAt = now, lease = nil. Return their ids in array order."
        ) { exercises, _ in
            var tasks = [leased("a", worker: "w1", token: 1, expiresAt: 10), leased("live", worker: "w2", token: 1, expiresAt: 11),
                         leased("b", worker: "w3", token: 2, expiresAt: 5), queued("waiting")]
            let rescued = try exercises.rescueExpired(&tasks, at(10))
            try expect(rescued, equals: ["a", "b"], "rescued ids")
            try expect(tasks.map(\.state), equals: [.retrying, .running, .retrying, .available], "states after the rescue")
            try expect(tasks.map { $0.lease == nil }, equals: [true, false, true, true], "which tasks have no lease")
            try expect(tasks[0].runAt, equals: at(10), "runAt of a rescued task")
            try expect(tasks[2].leaseVersion, equals: 2, "leaseVersion of a rescued task (unchanged)")
            try expect(tasks[1], equals: leased("live", worker: "w2", token: 1, expiresAt: 11), "the task whose lease is live")
        },
        Check(
            id: "ch21.rescue.last-attempt-dead",
            title: "A rescued task that used all its attempts is dead, finished now",
            points: 2,
            hint: "When attempts >= maxAttempts, the rescued task becomes .dead with finishedAt = now instead of retrying."
        ) { exercises, _ in
            var task = leased("t1", worker: "w1", token: 3, expiresAt: 5)
            task.attempts = 3
            var tasks = [task]
            let rescued = try exercises.rescueExpired(&tasks, at(6))
            try expect(rescued, equals: ["t1"], "rescued ids")
            try expect(tasks[0].state, equals: .dead, "the state")
            try expect(tasks[0].finishedAt, equals: at(6), "finishedAt")
            try expect(tasks[0].lease, equals: nil, "the lease")
        },
    ]

    /// A check that completing t1 (held by w1 with token 3 until t+40) with `lease` at `now`
    /// throws `leaseLost` and changes nothing.
    static func fenced(id: String, title: String, hint: String, lease: Lease, now: Date) -> Check<Ch21Exercises> {
        Check(id: id, title: title, points: 2, hint: hint) { exercises, _ in
            let task = leased("t1", worker: "w1", token: 3, expiresAt: 40)
            var tasks = [task]
            let error = try await caughtError { _ = try exercises.complete(&tasks, lease, "late", now) }
            guard case QueueError.leaseLost(let taskID, _)? = error else {
                throw CheckFailure("expected QueueError.leaseLost, got \(outcome(error))")
            }
            try expect(taskID, equals: "t1", "the task id in leaseLost")
            try expect(tasks, equals: [task], "the tasks after a refused completion")
        }
    }
}

/// A queued task as checks set it up; times are seconds after the fixture date.
func queued(_ id: String, priority: Int = 0, state: QueueTask.State = .available, runAt: Double = 0,
            attempts: Int = 0, leaseVersion: Int = 0) -> QueueTask {
    QueueTask(id: id, payload: "payload of \(id)", priority: priority, state: state, attempts: attempts, maxAttempts: 3,
              runAt: at(runAt), enqueuedAt: at(0), leaseVersion: leaseVersion)
}

/// A running task leased to `worker` with `token` until `expiresAt` seconds after the fixture date.
func leased(_ id: String, worker: String, token: Int, expiresAt: Double) -> QueueTask {
    var task = queued(id, state: .running, attempts: 1, leaseVersion: token)
    task.lease = Lease(taskID: id, worker: worker, token: token, expiresAt: at(expiresAt))
    return task
}
