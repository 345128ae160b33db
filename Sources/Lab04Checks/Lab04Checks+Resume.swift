import Foundation
import LabChecks
import LabKit

extension Lab04Checks {
    /// The task as a crash left it in the store.
    /// Created an hour before the checks' `now` starts.
    static func interruptedTask(_ state: AgentTask.State = .running, result: String? = nil, error: String? = nil) -> AgentTask {
        AgentTask(id: taskID, input: diskRequest, state: state, result: result, error: error, attempts: 1,
                  createdAt: Date(timeIntervalSince1970: 1_767_222_000))
    }

    static let resume: [Check<Lab04Exercises>] = [
        Check(
            id: "lab04.resume.unknown-task",
            title: "Resuming a task the store does not have throws LabError.taskNotFound and calls no model",
            points: 1,
            hint: "Exercise 4 (Resume.swift): load the task first; none: throw LabError.taskNotFound(id:)."
        ) { exercises, context in
            let model = ScriptedModel([])
            let error = try await caughtError {
                _ = try await exercises.resumeTask("missing", agent(model, Disk().tools(), .standard), context.clock(),
                                                   RecordingStore(), MemoryCheckpointStore(), context.now)
            }
            guard case LabError.taskNotFound(let id)? = error else {
                throw CheckFailure("expected LabError.taskNotFound, got \(outcome(error))")
            }
            try expect(id, equals: "missing", "the id in the error")
            try expect(model.calls, equals: 0, "model calls")
        },
        Check(
            id: "lab04.resume.completed-untouched",
            title: "Resuming a completed task returns its result; nothing runs and nothing is saved",
            points: 2,
            hint: "A completed task is done: return task.result before anything else."
        ) { exercises, context in
            let store = RecordingStore([interruptedTask(.completed, result: storyAnswer)])
            let disk = Disk()
            let model = ScriptedModel([])
            let answer = try await exercises.resumeTask(taskID, agent(model, disk.tools(), .standard), context.clock(),
                                                        store, MemoryCheckpointStore(), context.now)
            try expect(answer, equals: storyAnswer, "the returned result")
            try expect(model.calls, equals: 0, "model calls")
            try expect(disk.effects.count, equals: 0, "tool runs")
            try expect(await store.saved.count, equals: 0, "saves")
        },
        Check(
            id: "lab04.resume.skips-saved-results",
            title: "A failed task resumes from its saved conversation: saved results are not run again",
            points: 3,
            hint: "Load the checkpoint and continue from it: the model gets the saved conversation, and the calls "
                + "it already answers are done. The logs must not be cleaned twice."
        ) { exercises, context in
            let saved = storyStart + [
                .assistant(toolCalls: [diskCall("call_c1", "check_disk")]), .tool(fullDisk, callID: "call_c1"),
                .assistant(toolCalls: [diskCall("call_c2", "clean_logs")]), .tool(cleaned, callID: "call_c2"),
            ]
            let store = RecordingStore([interruptedTask(.failed, error: "connection error: the model timed out")])
            let disk = Disk(clean: true)
            let model = ScriptedModel([.toolCalls([diskCall("call_c3", "check_disk")]), .text(storyAnswer)])
            let answer = try await exercises.resumeTask(taskID, agent(model, disk.tools(), .standard), context.clock(),
                                                        store, MemoryCheckpointStore([taskID: saved]), context.now)
            try expect(disk.effects.all, equals: ["check_disk"], "the tools that ran after the resume")
            try expect(try request(0, of: model).messages, equals: saved, "the first request after the resume")
            try expect(answer, equals: storyAnswer, "the answer")
            let stored = await store.task(id: taskID)
            try expect(stored?.state, equals: .completed, "the stored state")
            try expect(stored?.error, equals: nil, "the stored error of the completed task")
        },
        Check(
            id: "lab04.resume.runs-unanswered-call",
            title: "A call the crash left unanswered runs (and is saved) before the model is asked again; the answered one does not",
            points: 3,
            hint: "Find the calls of the last assistant message that no tool message answers; run just those, "
                + "checkpoint each result, then call the model."
        ) { exercises, context in
            let saved = storyStart + [
                .assistant(toolCalls: [diskCall("call_a", "check_disk"), diskCall("call_b", "clean_logs")]),
                .tool(fullDisk, callID: "call_a"),
            ]
            let checkpoints = MemoryCheckpointStore([taskID: saved])
            let disk = Disk()
            let savedAtCall = Recorder<Int>()
            let model = ObservedModel(base: ScriptedModel([.text(storyAnswer)])) { _ in
                savedAtCall.append((await checkpoints.conversation(taskID: taskID) ?? []).count)
            }
            let requests = Recorder<ChatCompletionRequest>()
            let recording = ObservedModel(base: model) { requests.append($0) }
            _ = try await exercises.resumeTask(taskID, agent(recording, disk.tools(), .standard), context.clock(),
                                               RecordingStore([interruptedTask(.running)]), checkpoints, context.now)
            try expect(disk.effects.all, equals: ["clean_logs"], "the tools that ran after the resume")
            try expect(requests.all.first?.messages ?? [], equals: saved + [.tool(cleaned, callID: "call_b")], "the first request after the resume")
            try expect(savedAtCall.all.first, equals: saved.count + 1, "messages saved when the model was called")
        },
        Check(
            id: "lab04.resume.no-checkpoint-starts-over",
            title: "A pending task with no saved conversation starts from the prompt and its input",
            points: 1,
            hint: "No checkpoint: nothing happened that needs remembering; start from [.system(agent.systemPrompt), .user(task.input)]."
        ) { exercises, context in
            let model = ScriptedModel(storyScript())
            let answer = try await exercises.resumeTask(taskID, agent(model, Disk().tools(), .standard), context.clock(),
                                                        RecordingStore([interruptedTask(.pending)]), MemoryCheckpointStore(), context.now)
            try expect(try request(0, of: model).messages, equals: storyStart, "the first request after the resume")
            try expect(answer, equals: storyAnswer, "the answer")
        },
        Check(
            id: "lab04.resume.counted-and-completed",
            title: "A resumed task is saved running with one more attempt and a new updatedAt, then completed",
            points: 2,
            hint: "Save .running with attempts + 1 and updatedAt: now() before calling the model, and finish as exercise 3 does."
        ) { exercises, context in
            let store = RecordingStore([interruptedTask(.failed, error: "HTTP 503 server_error: overloaded")])
            _ = try await exercises.resumeTask(taskID, agent(ScriptedModel(storyScript()), Disk().tools(), .standard), context.clock(),
                                               store, MemoryCheckpointStore(), context.now)
            let first = await store.saved.first
            try expect(first?.state, equals: .running, "the first saved state")
            try expect(first?.attempts, equals: 2, "the attempts of the first save")
            try expect((first?.updatedAt ?? .distantPast) > interruptedTask().updatedAt,
                       "expected the running save to carry updatedAt: now(), got \(show(first?.updatedAt))")
            let stored = await store.task(id: taskID)
            try expect(stored?.state, equals: .completed, "stored state")
            try expect(stored?.attempts, equals: 2, "stored attempts")
            try expect(stored?.result, equals: storyAnswer, "stored result")
        },
    ]
}
