import Foundation
import LabKit

/// Claims the next task for `worker`: the highest priority among the claimable tasks whose time
/// has come, then the earliest `runAt`, then the first in the array.
public func claimNext(in tasks: inout [QueueTask], worker: String, leaseFor: Duration, now: Date) throws -> Claim? {
    var best: Int?
    for index in tasks.indices where tasks[index].state.isClaimable && tasks[index].runAt <= now {
        guard let current = best else {
            best = index
            continue
        }
        let (candidate, leader) = (tasks[index], tasks[current])
        if candidate.priority > leader.priority || (candidate.priority == leader.priority && candidate.runAt < leader.runAt) {
            best = index
        }
    }
    guard let index = best else { return nil }
    tasks[index].state = .running
    tasks[index].attempts += 1
    tasks[index].leaseVersion += 1
    let lease = Lease(taskID: tasks[index].id, worker: worker, token: tasks[index].leaseVersion, expiresAt: now.adding(leaseFor))
    tasks[index].lease = lease
    return Claim(task: tasks[index], lease: lease)
}

/// Completes the task of `lease` with `result`, if `lease` is still its current lease at `now`.
public func complete(in tasks: inout [QueueTask], lease: Lease, result: String, now: Date) throws -> QueueTask {
    guard let index = tasks.firstIndex(where: { $0.id == lease.taskID }) else {
        throw QueueError.taskNotFound(id: lease.taskID)
    }
    let task = tasks[index]
    guard task.state == .running else {
        throw QueueError.leaseLost(taskID: task.id, reason: "the task is \(task.state.rawValue)")
    }
    guard task.leaseVersion == lease.token, let current = task.lease, current.worker == lease.worker else {
        throw QueueError.leaseLost(taskID: task.id, reason: "another claim holds it")
    }
    guard now < current.expiresAt else {
        throw QueueError.leaseLost(taskID: task.id, reason: "the lease expired")
    }
    tasks[index].state = .completed
    tasks[index].result = result
    tasks[index].lease = nil
    tasks[index].finishedAt = now
    return tasks[index]
}

/// Gives back every running task whose lease has expired at `now`: retrying at once, or dead
/// when it has used all its attempts. Returns their ids, in array order.
public func rescueExpired(in tasks: inout [QueueTask], now: Date) throws -> [String] {
    var rescued: [String] = []
    for index in tasks.indices {
        guard tasks[index].state == .running, let lease = tasks[index].lease, lease.expiresAt <= now else { continue }
        tasks[index].lease = nil
        if tasks[index].attempts < tasks[index].maxAttempts {
            tasks[index].state = .retrying
            tasks[index].runAt = now
        } else {
            tasks[index].state = .dead
            tasks[index].finishedAt = now
        }
        rescued.append(tasks[index].id)
    }
    return rescued
}
