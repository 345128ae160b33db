import Foundation
import LabChecks
import LabKit

extension Lab04Checks {
    static let taskID = "disk-1"

    static let persistence: [Check<Lab04Exercises>] = [
        Check(
            id: "lab04.persist.running-first",
            title: "The task is saved running, with its input and one attempt, before the model is called",
            points: 2,
            hint: "Exercise 3 (Persistence.swift): save AgentTask(id:input:state: .running, attempts: 1, createdAt: now()) "
                + "before the first model call."
        ) { exercises, context in
            let store = RecordingStore()
            let seen = Recorder<String>()
            let model = ObservedModel(base: ScriptedModel(storyScript())) { _ in
                let task = await store.task(id: taskID)
                seen.append(task.map { "\($0.state.rawValue), input \(show($0.input)), attempts \($0.attempts)" } ?? "no task")
            }
            _ = try await exercises.runTask(taskID, diskRequest, agent(model, Disk().tools(), .standard), context.clock(),
                                            store, MemoryCheckpointStore(), context.now)
            try expect(seen.all.first, equals: "running, input \(show(diskRequest)), attempts 1", "the stored task at the first model call")
        },
        Check(
            id: "lab04.persist.starts-with-prompt-and-input",
            title: "The task's conversation starts with the agent's system prompt and the input",
            points: 1,
            hint: "Start from [.system(agent.systemPrompt), .user(input)]."
        ) { exercises, context in
            let model = ScriptedModel(storyScript())
            _ = try await exercises.runTask(taskID, diskRequest, agent(model, Disk().tools(), .standard), context.clock(),
                                            RecordingStore(), MemoryCheckpointStore(), context.now)
            try expect(try request(0, of: model).messages, equals: storyStart, "the first request's messages")
        },
        Check(
            id: "lab04.persist.completed-with-answer",
            title: "A run that ends with an answer saves the task completed with it, and returns it",
            points: 2,
            hint: "Save state .completed and result: answer once the model answers in text."
        ) { exercises, context in
            let store = RecordingStore()
            let answer = try await exercises.runTask(taskID, diskRequest, agent(ScriptedModel(storyScript()), Disk().tools(), .standard),
                                                     context.clock(), store, MemoryCheckpointStore(), context.now)
            try expect(answer, equals: storyAnswer, "the returned answer")
            let stored = await store.task(id: taskID)
            try expect(stored?.state, equals: .completed, "the stored state")
            try expect(stored?.result, equals: storyAnswer, "the stored result")
            try expect((stored?.updatedAt ?? .distantPast) > (stored?.createdAt ?? .distantFuture),
                       "expected updatedAt: now() to move past createdAt, got \(show(stored?.updatedAt))")
            try expect(await store.savedStates(of: taskID).first, equals: .running, "the first saved state")
        },
        Check(
            id: "lab04.persist.failed-with-error",
            title: "A run that ends with an error saves the task failed with its message, and rethrows it",
            points: 2,
            hint: "Catch the error, save state .failed with error: \"\\(error)\", and rethrow the same error."
        ) { exercises, context in
            let store = RecordingStore()
            let model = runawayModel(limit: 25)
            let budget = AgentBudget(maxSteps: 2, maxWallTime: .seconds(3600), maxTokens: 1_000_000)
            let error = try await caughtError {
                _ = try await exercises.runTask(taskID, diskRequest, agent(model, Disk().tools(), budget), context.clock(),
                                                store, MemoryCheckpointStore(), context.now)
            }
            try expect(thrown: error, equals: AgentError.stepLimitReached(maxSteps: 2), "the rethrown error")
            let stored = await store.task(id: taskID)
            try expect(stored?.state, equals: .failed, "the stored state")
            try expect(stored?.error?.contains("step limit") == true,
                       "expected the stored error to say \"step limit\", got \(show(stored?.error))")
            try expect((stored?.updatedAt ?? .distantPast) > (stored?.createdAt ?? .distantFuture),
                       "expected updatedAt: now() to move past createdAt, got \(show(stored?.updatedAt))")
        },
        Check(
            id: "lab04.persist.calls-saved-before-they-run",
            title: "When a tool runs, the saved conversation already holds the model's message that calls it",
            points: 2,
            hint: "Checkpoint right after appending the assistant message with tool_calls, before running any of them: "
                + "after a crash the resume must know which calls were made, and with which ids."
        ) { exercises, context in
            let checkpoints = MemoryCheckpointStore()
            let seen = Recorder<Bool>()
            let tools = Disk().tools { raw in
                let saved = await checkpoints.conversation(taskID: taskID) ?? []
                seen.append(saved.contains { $0.toolCalls?.contains { $0.function.arguments == raw } == true })
            }
            _ = try await exercises.runTask(taskID, diskRequest, agent(ScriptedModel(storyScript()), tools, .standard),
                                            context.clock(), RecordingStore(), checkpoints, context.now)
            try expect(seen.all, equals: [true, true, true], "whether each running call was in the saved conversation")
        },
        Check(
            id: "lab04.persist.result-saved-before-next-step",
            title: "Each tool result is in the saved conversation before the next tool runs or the model is called",
            points: 3,
            hint: "Checkpoint after every tool message you append (not once per turn, not before the result): a "
                + "result that is not saved is a tool that runs again after a crash."
        ) { exercises, context in
            let checkpoints = MemoryCheckpointStore()
            let finished = Recorder<Int>()
            let seen = Recorder<String>()
            let disk = Disk()
            let tools = ToolRegistry(disk.tools().tools.map { tool in
                Tool(tool.definition) { call in
                    let saved = (await checkpoints.conversation(taskID: taskID) ?? []).filter { $0.role == .tool }.count
                    seen.append("tool run \(finished.count + 1) saw \(saved) saved result(s)")
                    let output = try await tool.run(call)
                    finished.append(1)
                    return output
                }
            })
            let model = ObservedModel(base: ScriptedModel([
                .toolCalls([diskCall("call_a", "check_disk"), diskCall("call_b", "clean_logs")]),
                .toolCalls([diskCall("call_c", "check_disk")]),
                .text(storyAnswer),
            ])) { request in
                guard request.messages.contains(where: { $0.role == .tool }) else { return }
                let saved = (await checkpoints.conversation(taskID: taskID) ?? []).filter { $0.role == .tool }.count
                seen.append("model call after \(finished.count) result(s) saw \(saved) saved result(s)")
            }
            _ = try await exercises.runTask(taskID, diskRequest, agent(model, tools, .standard), context.clock(),
                                            RecordingStore(), checkpoints, context.now)
            try expect(seen.all, equals: [
                "tool run 1 saw 0 saved result(s)",
                "tool run 2 saw 1 saved result(s)",
                "model call after 2 result(s) saw 2 saved result(s)",
                "tool run 3 saw 2 saved result(s)",
                "model call after 3 result(s) saw 3 saved result(s)",
            ], "what was saved at each step")
        },
    ]
}
