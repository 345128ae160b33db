import Foundation
import LabKit

extension StoreContract {
    static let saving: [StoreContract] = [
        StoreContract(name: "an unknown id is nil", needsPersistence: false) { open in
            let store = try await open()
            try expect(try await store.task(id: "nope") == nil, "expected nil for an unknown id in an empty store")
            try await store.save(contractTask("a"))
            try expect(try await store.task(id: "nope") == nil, "expected nil for an unknown id beside a saved task")
        },
        StoreContract(name: "save then get round-trips every field", needsPersistence: false) { open in
            let full = AgentTask(
                id: "deploy-42", input: "Deploy \"service X\"\nthen say ✅ — café / 東京",
                state: .failed, result: "half done", error: "timeout after 30s", attempts: 3,
                createdAt: contractDate(1.125), updatedAt: contractDate(61.875))
            let bare = AgentTask(id: "bare", input: "", createdAt: contractDate(2.5))
            let store = try await open()
            try await store.save(full)
            try await store.save(bare)
            try expect(try await store.task(id: "deploy-42"), full, "the full task read back")
            try expect(try await store.task(id: "bare"), bare, "the bare task read back")
        },
        StoreContract(name: "saving with the same id replaces the task", needsPersistence: false) { open in
            let store = try await open()
            var task = contractTask("t1")
            try await store.save(task)
            task.state = .completed
            task.result = "done"
            task.attempts = 1
            task.updatedAt = contractDate(99.25)
            try await store.save(task)
            try expect(try await store.task(id: "t1"), task, "the task after the second save")
            try expect(try await store.allTasks(), [task], "every task")
        },
        StoreContract(name: "tasks(in:) keeps one state, ordered by creation time then id", needsPersistence: false) { open in
            let tasks = [
                contractTask("late", createdAt: contractDate(30)),
                contractTask("b-tie", createdAt: contractDate(10.25)),
                contractTask("other-state", state: .running, createdAt: contractDate(1)),
                contractTask("early", createdAt: contractDate(5.125)),
                contractTask("a-tie", createdAt: contractDate(10.25)),
                contractTask("done", state: .completed, createdAt: contractDate(2)),
            ]
            let store = try await open()
            for task in tasks { try await store.save(task) }
            try expect(try await store.tasks(in: .pending).map(\.id), ["early", "a-tie", "b-tie", "late"], "the pending ids")
            try expect(try await store.tasks(in: .running).map(\.id), ["other-state"], "the running ids")
            try expect(try await store.tasks(in: .completed).map(\.id), ["done"], "the completed ids")
            try expect(try await store.tasks(in: .failed).map(\.id), [], "the failed ids")
        },
        StoreContract(name: "a state change moves a task from one list to the other", needsPersistence: false) { open in
            let store = try await open()
            var task = contractTask("mover")
            try await store.save(task)
            try await store.save(contractTask("stayer", createdAt: contractDate(3)))
            task.state = .running
            try await store.save(task)
            try expect(try await store.tasks(in: .pending).map(\.id), ["stayer"], "the pending ids")
            try expect(try await store.tasks(in: .running), [task], "the running tasks")
        },
    ]

    static let persisting: [StoreContract] = [
        StoreContract(name: "a new store on the same storage sees every saved state", needsPersistence: true) { open in
            let first = try await open()
            var saved: [AgentTask] = []
            for (index, state) in AgentTask.State.allCases.enumerated() {
                let task = contractTask("task-\(index)", state: state, createdAt: contractDate(Double(index) + 0.375))
                try await first.save(task)
                saved.append(task)
            }
            saved[0].state = .running
            saved[0].attempts = 1
            try await first.save(saved[0])

            let second = try await open()
            for state in AgentTask.State.allCases {
                try expect(try await second.tasks(in: state), saved.filter { $0.state == state }, "the \(state.rawValue) tasks after reopening")
            }
            try expect(try await second.task(id: "task-0"), saved[0], "task-0 after reopening")
        },
        StoreContract(name: "dates keep their milliseconds across a restart", needsPersistence: true) { open in
            let fractions = [0.001, 0.123, 0.499, 0.5, 0.7, 0.999]
            let tasks = fractions.enumerated().map { index, fraction in
                contractTask("ms-\(index)", createdAt: contractDate(Double(index) + fraction))
            }
            let store = try await open()
            for task in tasks { try await store.save(task) }
            let reopened = try await open()
            for task in tasks {
                guard let read = try await reopened.task(id: task.id) else {
                    throw StoreContractFailure("expected \(task.id) after reopening, got nil")
                }
                try expect(abs(read.createdAt.timeIntervalSince(task.createdAt)) < 0.000_1,
                           "expected \(task.id) created at \(task.createdAt.timeIntervalSince1970), got \(read.createdAt.timeIntervalSince1970)")
            }
        },
    ]
}
