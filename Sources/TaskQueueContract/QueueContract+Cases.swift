import Foundation
import LabKit

extension QueueContract {
    static let enqueueing: [QueueContract] = [
        QueueContract(name: "enqueue stores an available task, runAt now, no attempts") { h in
            let task = try await h.queue.enqueue(NewQueueTask(payload: "p", priority: 3)).task
            try expect(task.id, "task-1", "the id")
            try expect(task.state, .available, "the state")
            try expect(task.attempts, 0, "the attempts")
            try expect(task.maxAttempts, h.policy.maxAttempts, "maxAttempts from the policy")
            try expect(task.runAt, h.now, "runAt")
            try expect(task.enqueuedAt, h.now, "enqueuedAt")
            try expect(task.priority, 3, "the priority")
            try expect(try await h.queue.task(id: task.id), task, "the stored task")
            try expect(try await h.queue.task(id: "missing") == nil, "expected no task for an unknown id")
        },
        QueueContract(name: "the same idempotency key returns the existing task") { h in
            let first = try await h.queue.enqueue(NewQueueTask(payload: "a", idempotencyKey: "k"))
            h.time.advance(by: .seconds(5))
            let again = try await h.queue.enqueue(NewQueueTask(payload: "b", priority: 9, idempotencyKey: "k"))
            try expect(first.isNew, true, "isNew of the first enqueue")
            try expect(again.isNew, false, "isNew of the second enqueue")
            try expect(again.task, first.task, "the task returned for the same key")
            try expect(try await h.queue.counts().total, 1, "tasks stored")
            let other = try await h.queue.enqueue(NewQueueTask(payload: "c", idempotencyKey: "k2"))
            try expect(other.isNew, true, "isNew for another key")
        },
        QueueContract(name: "a batch enqueue keeps its order and its duplicates resolve to one task") { h in
            let results = try await h.queue.enqueue([
                NewQueueTask(payload: "a", idempotencyKey: "x"), NewQueueTask(payload: "b"),
                NewQueueTask(payload: "c", idempotencyKey: "x"),
            ])
            try expect(results.map(\.task.payload), ["a", "b", "a"], "payloads returned")
            try expect(results.map(\.isNew), [true, true, false], "isNew")
            try expect(try await h.queue.counts()[.available], 2, "available tasks")
        },
        QueueContract(name: "maxAttempts below 1 is refused") { h in
            do {
                _ = try await h.queue.enqueue(NewQueueTask(payload: "a", maxAttempts: 0))
                throw ContractFailure("expected invalidRequest for maxAttempts 0, got a task")
            } catch QueueError.invalidRequest {}
            try expect(try await h.queue.counts().total, 0, "tasks stored")
        },
    ]

    static let claiming: [QueueContract] = [
        QueueContract(name: "an empty queue has nothing to claim") { h in
            try expect(try await h.queue.claim(worker: "w1", leaseFor: .seconds(30)) == nil, "expected no claim")
        },
        QueueContract(name: "a claim leases the task: running, one attempt, token 1, expiry now + leaseFor") { h in
            let task = try await h.enqueue("a")[0]
            let claim = try await h.claimOne("w1", leaseFor: .seconds(30))
            try expect(claim.task.id, task.id, "the claimed id")
            try expect(claim.task.state, .running, "the state")
            try expect(claim.task.attempts, 1, "the attempts")
            try expect(claim.lease, Lease(taskID: task.id, worker: "w1", token: 1, expiresAt: h.now.adding(.seconds(30))), "the lease")
            try expect(claim.task.lease, claim.lease, "the task's lease")
            try expect(try await h.queue.task(id: task.id), claim.task, "the stored task")
            try expect(try await h.queue.claim(worker: "w2", leaseFor: .seconds(30)) == nil, "expected no second claim")
        },
        QueueContract(name: "claims go by priority, then earliest runAt, then enqueue order") { h in
            let low = try await h.queue.enqueue(NewQueueTask(payload: "low", priority: 0)).task
            let late = try await h.queue.enqueue(NewQueueTask(payload: "late", priority: 5, runAt: h.now.adding(.seconds(2)))).task
            let high1 = try await h.queue.enqueue(NewQueueTask(payload: "high1", priority: 5)).task
            let high2 = try await h.queue.enqueue(NewQueueTask(payload: "high2", priority: 5)).task
            let early = try await h.queue.enqueue(NewQueueTask(payload: "early", priority: 5, runAt: h.now.adding(.seconds(-10)))).task
            h.time.advance(by: .seconds(3))
            var order: [String] = []
            while let claim = try await h.queue.claim(worker: "w", leaseFor: .seconds(60)) { order.append(claim.task.id) }
            try expect(order, [early.id, high1.id, high2.id, late.id, low.id], "the claim order")
        },
        QueueContract(name: "a batch claim takes at most limit tasks, in claim order") { h in
            let tasks = try await h.enqueue("a", "b", "c")
            let claims = try await h.queue.claim(worker: "w", leaseFor: .seconds(10), limit: 2)
            try expect(claims.map(\.task.id), [tasks[0].id, tasks[1].id], "the claimed ids")
            try expect(claims.map(\.lease.token), [1, 1], "the tokens")
        },
        QueueContract(name: "a task scheduled later is not claimed before its runAt") { h in
            let task = try await h.queue.enqueue(NewQueueTask(payload: "later", runAt: h.now.adding(.seconds(10)))).task
            h.time.advance(by: .seconds(9))
            try expect(try await h.queue.claim(worker: "w", leaseFor: .seconds(5)) == nil, "expected no claim before runAt")
            h.time.advance(by: .seconds(1))
            try expect(try await h.claimOne().task.id, task.id, "the task claimed at runAt")
        },
        QueueContract(name: "a claim with a lease of zero or a limit of zero is refused") { h in
            try await h.enqueue("a")
            for (lease, limit) in [(Duration.zero, 1), (.seconds(1), 0)] {
                do {
                    _ = try await h.queue.claim(worker: "w", leaseFor: lease, limit: limit)
                    throw ContractFailure("expected invalidRequest for leaseFor \(lease) limit \(limit), got claims")
                } catch QueueError.invalidRequest {}
            }
            try expect(try await h.queue.counts()[.available], 1, "available tasks")
        },
    ]

    static let fencing: [QueueContract] = [
        QueueContract(name: "the holder completes the task; its effects are recorded with it") { h in
            try await h.enqueue("a")
            let claim = try await h.claimOne()
            h.time.advance(by: .seconds(10))
            let done = try await h.queue.complete(claim.lease, result: "ok", effects: [QueueEffect(key: "mail:1", detail: "sent")])
            try expect(done.state, .completed, "the state")
            try expect(done.result, "ok", "the result")
            try expect(done.lease == nil, "expected no lease on a completed task")
            try expect(done.finishedAt, h.now, "finishedAt")
            try expect(try await h.queue.task(id: done.id), done, "the stored task")
            try expect(try await h.queue.appliedEffects(),
                       [AppliedEffect(taskID: done.id, effect: QueueEffect(key: "mail:1", detail: "sent"), token: 1, appliedAt: h.now)],
                       "the effect ledger")
        },
        QueueContract(name: "a batch completion fences each lease on its own") { h in
            try await h.enqueue("a", "b", "c")
            let stale = try await h.claimOne("w1", leaseFor: .seconds(5))
            h.time.advance(by: .seconds(5))
            let claims = try await h.queue.claim(worker: "w2", leaseFor: .seconds(30), limit: 2)
            try expect(claims.count, 2, "claims")
            let results = try await h.queue.completeAll([
                Completion(lease: claims[0].lease, result: "one", effects: [QueueEffect(key: "e1")]),
                Completion(lease: stale.lease, result: "late", effects: [QueueEffect(key: "stale")]),
                Completion(lease: claims[1].lease, result: "two", effects: [QueueEffect(key: "e2")]),
            ])
            let outcomes = results.map { result -> String in
                switch result {
                case .success(let task): task.result ?? "?"
                case .failure(.leaseLost): "leaseLost"
                case .failure(let error): "\(error)"
                }
            }
            try expect(outcomes, ["one", "leaseLost", "two"], "the outcomes")
            try expect(try await h.queue.appliedEffects().map(\.effect.key), ["e1", "e2"], "the effects recorded")
            try expect(try await h.queue.task(id: stale.task.id)?.state, .running, "the state of the stale lease's task")
        },
        QueueContract(name: "an expired lease can neither complete nor renew, and records no effect") { h in
            try await h.enqueue("a")
            let claim = try await h.claimOne(leaseFor: .seconds(30))
            h.time.advance(by: .seconds(30))
            try await expectLeaseLost(claim.task.id, "complete at expiry") {
                try await h.queue.complete(claim.lease, result: "late", effects: [QueueEffect(key: "mail:1")])
            }
            try await expectLeaseLost(claim.task.id, "heartbeat at expiry") {
                _ = try await h.queue.heartbeat(claim.lease, extendBy: .seconds(30))
            }
            try await expectLeaseLost(claim.task.id, "fail at expiry") { try await h.queue.fail(claim.lease, error: "x") }
            try expect(try await h.queue.task(id: claim.task.id)?.state, .running, "the state")
            try expect(try await h.queue.appliedEffects().isEmpty, "expected an empty effect ledger")
        },
        QueueContract(name: "a heartbeat moves the expiry, so the holder can complete later") { h in
            try await h.enqueue("a")
            let claim = try await h.claimOne(leaseFor: .seconds(30))
            h.time.advance(by: .seconds(20))
            let renewed = try await h.queue.heartbeat(claim.lease, extendBy: .seconds(30))
            try expect(renewed.expiresAt, h.now.adding(.seconds(30)), "the renewed expiry")
            try expect(renewed.token, claim.lease.token, "the renewed token")
            h.time.advance(by: .seconds(20))
            try expect(try await h.queue.rescueExpired(), [], "rescued ids")
            try expect(try await h.queue.complete(claim.lease, result: "ok").state, .completed, "the state")
        },
        QueueContract(name: "after a rescue and a new claim, the old holder is fenced off") { h in
            try await h.enqueue("a")
            let old = try await h.claimOne("old", leaseFor: .seconds(10))
            h.time.advance(by: .seconds(10))
            try expect(try await h.queue.rescueExpired(), [old.task.id], "rescued ids")
            let new = try await h.claimOne("new", leaseFor: .seconds(10))
            try expect(new.lease.token, 2, "the new token")
            try expect(new.task.attempts, 2, "the attempts")
            var forged = old.lease
            forged.expiresAt = h.now.adding(.seconds(60))
            try await expectLeaseLost(old.task.id, "complete with the old token") { try await h.queue.complete(forged, result: "stale") }
            var wrongWorker = new.lease
            wrongWorker.worker = "old"
            try await expectLeaseLost(old.task.id, "complete by another worker") { try await h.queue.complete(wrongWorker, result: "stale") }
            try expect(try await h.queue.complete(new.lease, result: "fresh").result, "fresh", "the result")
            try await expectLeaseLost(old.task.id, "complete twice") { try await h.queue.complete(new.lease, result: "again") }
        },
    ]

    static let retrying: [QueueContract] = [
        QueueContract(name: "a failure retries after a full-jitter backoff within 1s, 2s, 4s") { h in
            try await h.enqueue("a")
            for attempt in 1...2 {
                let claim = try await h.claimOne()
                let failed = try await h.queue.fail(claim.lease, error: "503 #\(attempt)")
                let ceiling = h.policy.ceiling(afterAttempt: attempt)
                try expect(failed.state, .retrying, "the state after failure \(attempt)")
                try expect(failed.lastError, "503 #\(attempt)", "lastError")
                try expect(failed.lease == nil, "expected no lease after a failure")
                try expect(failed.runAt >= h.now && failed.runAt <= h.now.adding(ceiling),
                           "expected runAt within \(ceiling) of now after failure \(attempt), got \(failed.runAt.timeIntervalSince(h.now))s")
                h.time.advance(by: ceiling)
            }
        },
        QueueContract(name: "retryAfter is the least wait") { h in
            try await h.enqueue("a")
            let claim = try await h.claimOne()
            let failed = try await h.queue.fail(claim.lease, error: "429", retryAfter: .seconds(30))
            try expect(failed.runAt, h.now.adding(.seconds(30)), "runAt")
            h.time.advance(by: .seconds(29))
            try expect(try await h.queue.claim(worker: "w", leaseFor: .seconds(5)) == nil, "expected no claim before retryAfter")
        },
        QueueContract(name: "the backoff is drawn from the seed: the same seed gives the same waits") { h in
            let second = try await h.factory(QueueSetup())
            var waits: [[TimeInterval]] = [[], []]
            for (index, queue) in [h.queue, second].enumerated() {
                for _ in 1...3 { _ = try await queue.enqueue(NewQueueTask(payload: "a", maxAttempts: 10)) }
                let claims = try await queue.claim(worker: "w", leaseFor: .seconds(5), limit: 3)
                for claim in claims {
                    waits[index].append(try await queue.fail(claim.lease, error: "x").runAt.timeIntervalSince(h.now))
                }
            }
            try expect(waits[0], waits[1], "the waits of two queues with one seed")
            try expect(Set(waits[0]).count > 1, "expected three draws to differ, got waits \(waits[0])")
        },
        QueueContract(name: "after maxAttempts failures the task is dead and listed as a dead letter") { h in
            let task = try await h.enqueue("a")[0]
            for attempt in 1...h.policy.maxAttempts {
                let claim = try await h.claimOne()
                let failed = try await h.queue.fail(claim.lease, error: "boom \(attempt)")
                h.time.advance(by: .seconds(60))
                if attempt < h.policy.maxAttempts { try expect(failed.state, .retrying, "the state after failure \(attempt)") }
            }
            let dead = try await h.queue.task(id: task.id)
            try expect(dead?.state, .dead, "the state")
            try expect(dead?.lastError, "boom 3", "lastError")
            try expect(try await h.queue.deadLetters(limit: 10).map(\.id), [task.id], "dead letters")
            try expect(try await h.queue.claim(worker: "w", leaseFor: .seconds(5)) == nil, "expected a dead task not to be claimed")
        },
        QueueContract(name: "requeue makes a dead task available, attempts zero; other states are refused") { h in
            let done = try await h.enqueue("done")[0]
            let claim = try await h.claimOne()
            try await h.queue.complete(claim.lease, result: "ok")
            let once = try await h.queue.enqueue(NewQueueTask(payload: "once", maxAttempts: 1)).task
            h.time.advance(by: .seconds(1))
            let doomed = try await h.claimOne()
            try expect(doomed.task.id, once.id, "the claimed id")
            try expect(try await h.queue.fail(doomed.lease, error: "x").state, .dead, "the state after its one attempt failed")
            h.time.advance(by: .seconds(1))
            let requeued = try await h.queue.requeue(id: once.id)
            try expect(requeued.state, .available, "the requeued state")
            try expect(requeued.attempts, 0, "the requeued attempts")
            try expect(requeued.runAt, h.now, "the requeued runAt")
            try expect(requeued.finishedAt == nil, "expected no finishedAt on a requeued task")
            try expect(try await h.claimOne().task.id, once.id, "the claimed id after requeue")
            do {
                _ = try await h.queue.requeue(id: done.id)
                throw ContractFailure("expected notRequeueable for a completed task")
            } catch QueueError.notRequeueable(let id, let state) {
                try expect(id, done.id, "the id in notRequeueable")
                try expect(state, .completed, "the state in notRequeueable")
            }
            do {
                _ = try await h.queue.requeue(id: "missing")
                throw ContractFailure("expected taskNotFound")
            } catch QueueError.taskNotFound {}
        },
        QueueContract(name: "rescue turns expired leases back into retrying, claimable at once; live ones stay") { h in
            let tasks = try await h.enqueue("a", "b")
            let first = try await h.claimOne("w1", leaseFor: .seconds(10))
            h.time.advance(by: .seconds(5))
            let second = try await h.claimOne("w2", leaseFor: .seconds(10))
            h.time.advance(by: .seconds(5))
            try expect(try await h.queue.rescueExpired(), [tasks[0].id], "rescued ids")
            let rescued = try await h.queue.task(id: first.task.id)
            try expect(rescued?.state, .retrying, "the rescued state")
            try expect(rescued?.runAt, h.now, "the rescued runAt")
            try expect(rescued?.lease == nil, "expected no lease on a rescued task")
            try expect(try await h.queue.task(id: second.task.id)?.state, .running, "the live task's state")
            try expect(try await h.claimOne("w3").task.id, first.task.id, "the reclaimed id")
        },
        QueueContract(name: "rescue of a task that used every attempt makes it dead") { h in
            let task = try await h.queue.enqueue(NewQueueTask(payload: "a", maxAttempts: 1)).task
            _ = try await h.claimOne(leaseFor: .seconds(1))
            h.time.advance(by: .seconds(1))
            try expect(try await h.queue.rescueExpired(), [task.id], "rescued ids")
            try expect(try await h.queue.task(id: task.id)?.state, .dead, "the state")
            try expect(try await h.queue.deadLetters(limit: 1).map(\.id), [task.id], "dead letters")
        },
    ]

    static let managing: [QueueContract] = [
        QueueContract(name: "cancel stops a waiting task and fences off a running one; finished tasks stay") { h in
            let tasks = try await h.enqueue("wait", "run", "done")
            let wait = try await h.queue.cancel(id: tasks[0].id)
            try expect(wait.state, .cancelled, "a waiting task's state")
            try expect(wait.finishedAt, h.now, "finishedAt")
            let run = try await h.claimOne()
            try expect(run.task.id, tasks[1].id, "the claimed id")
            try expect(try await h.queue.cancel(id: run.task.id).state, .cancelled, "a running task's state")
            try await expectLeaseLost(run.task.id, "complete after cancel") { try await h.queue.complete(run.lease, result: "x") }
            let done = try await h.claimOne()
            try await h.queue.complete(done.lease, result: "ok")
            try expect(try await h.queue.cancel(id: done.task.id).state, .completed, "a completed task's state")
            do {
                _ = try await h.queue.cancel(id: "missing")
                throw ContractFailure("expected taskNotFound")
            } catch QueueError.taskNotFound {}
        },
        QueueContract(name: "counts tell how many tasks are in each state") { h in
            let tasks = try await h.enqueue("a", "b", "c", "d")
            let claim = try await h.claimOne()
            try await h.queue.complete(claim.lease, result: "ok")
            _ = try await h.claimOne()
            try await h.queue.cancel(id: tasks[3].id)
            let counts = try await h.queue.counts()
            try expect(counts, QueueCounts([.completed: 1, .running: 1, .available: 1, .cancelled: 1]), "counts")
            try expect(counts.total, 4, "total")
        },
        QueueContract(name: "prune deletes completed and cancelled tasks finished before the date") { h in
            let tasks = try await h.enqueue("old", "new", "cancelled")
            let old = try await h.claimOne()
            try await h.queue.complete(old.lease, result: "ok")
            try await h.queue.cancel(id: tasks[2].id)
            let cutoff = h.now.adding(.seconds(1))
            h.time.advance(by: .seconds(5))
            let new = try await h.claimOne()
            try await h.queue.complete(new.lease, result: "ok")
            try expect(try await h.queue.prune(finishedBefore: cutoff), 2, "pruned tasks")
            try expect(try await h.queue.task(id: tasks[0].id) == nil, "expected the old task pruned")
            try expect(try await h.queue.task(id: tasks[1].id)?.state, .completed, "the newer task's state")
            let again = try await h.queue.enqueue(NewQueueTask(payload: "x"))
            try expect(again.isNew, true, "a new enqueue after pruning")
        },
    ]

    static let concurrency: [QueueContract] = [
        QueueContract(name: "concurrent workers claim every task exactly once") { h in
            let count = 60
            _ = try await h.queue.enqueue((1...count).map { NewQueueTask(payload: "p\($0)", idempotencyKey: "k\($0)") })
            let queue = h.queue
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 1...6 {
                    group.addTask {
                        var mine: [String] = []
                        while let claims = Optional(try await queue.claim(worker: "w\(worker)", leaseFor: .seconds(60), limit: 2)),
                              !claims.isEmpty {
                            for claim in claims {
                                try await queue.complete(claim.lease, result: "by w\(worker)", effects: [QueueEffect(key: claim.task.id)])
                                mine.append(claim.task.id)
                            }
                        }
                        return mine
                    }
                }
                var all: [String] = []
                for try await ids in group { all += ids }
                return all
            }
            try expect(claimed.count, count, "claims")
            try expect(Set(claimed).count, count, "distinct tasks claimed")
            try expect(try await queue.counts(), QueueCounts([.completed: count]), "counts")
            let effects = try await queue.appliedEffects()
            try expect(Set(effects.map(\.effect.key)).count, count, "distinct effects")
            try expect(effects.count, count, "effects")
        },
        QueueContract(name: "racing completions of one lease succeed once") { h in
            try await h.enqueue("a")
            let claim = try await h.claimOne()
            let queue = h.queue
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 1...8 {
                    group.addTask { (try? await queue.complete(claim.lease, result: "ok", effects: [QueueEffect(key: "e")])) != nil }
                }
                var wins = 0
                for await won in group where won { wins += 1 }
                return wins
            }
            try expect(outcomes, 1, "successful completions")
            try expect(try await queue.appliedEffects().count, 1, "effects")
        },
    ]
}
