import Foundation
import LabKit

// Exercise 5 of chapter 21: the queue's operations, on an array of tasks.
// The assignment: labs/ch21-production/README.md. Check your work: swift run ch21-production check

/// Claims the next task for `worker` (`ch21.claim.*`):
/// - Claimable: state `.available` or `.retrying`, and `runAt <= now`. None: return `nil` and
///   change nothing.
/// - The highest `priority` wins; among equals the earliest `runAt`; then the first in the array.
/// - The claimed task becomes `.running`, its `attempts` and `leaseVersion` go up by one, and its
///   `lease` is `Lease(taskID:worker:token:expiresAt:)` with `token` the new `leaseVersion` and
///   `expiresAt` `now + leaseFor`. Store it in `tasks` and return it with its lease.
public func claimNext(in tasks: inout [QueueTask], worker: String, leaseFor: Duration, now: Date) throws -> Claim? {
    throw LabError.notImplemented("claimNext(in:worker:leaseFor:now:)")
}

/// Completes the task of `lease` with `result`, only while `lease` is its current lease
/// (`ch21.complete.*`):
/// - No task with `lease.taskID`: throw `QueueError.taskNotFound(id:)`.
/// - Fencing: the task must be `.running`, its `leaseVersion` must equal `lease.token`, its stored
///   lease's worker must be `lease.worker`, and `now` must be before its stored lease's
///   `expiresAt`. Otherwise throw `QueueError.leaseLost(taskID:reason:)` (any reason) and change
///   nothing.
/// - The task becomes `.completed` with `result`, `finishedAt = now` and no lease; store it in
///   `tasks` and return it.
public func complete(in tasks: inout [QueueTask], lease: Lease, result: String, now: Date) throws -> QueueTask {
    throw LabError.notImplemented("complete(in:lease:result:now:)")
}

/// Gives back the tasks of workers that stopped renewing their lease (`ch21.rescue.*`):
/// - Every `.running` task whose lease's `expiresAt` is at or before `now` loses its lease. If its
///   `attempts` are below `maxAttempts` it becomes `.retrying` with `runAt = now`; otherwise it
///   becomes `.dead` with `finishedAt = now`. Its `leaseVersion` stays as it is.
/// - Other tasks are not changed. Return the ids of the rescued tasks, in array order.
public func rescueExpired(in tasks: inout [QueueTask], now: Date) throws -> [String] {
    throw LabError.notImplemented("rescueExpired(in:now:)")
}
