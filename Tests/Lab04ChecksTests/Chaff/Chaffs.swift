import Lab04Checks
import LabChecks

typealias Chaff = KnownVariant<Lab04Exercises>

extension KnownVariant where Subject == Lab04Exercises {
    /// A plainly written agent that makes `slip`, caught by `checks`.
    static func slipping(_ name: String, _ slip: Slip, caughtBy checks: [String]) -> Chaff {
        Chaff(name: name, subject: SlippingAgent(slip: slip).exercises, caughtBy: checks)
    }
}

/// Every known-buggy lab 04 implementation and the checks that must catch it.
let chaffs: [Chaff] = [
    .slipping("loop: forgets the assistant message", .forgetsAssistantMessage,
              caughtBy: ["lab04.loop.assistant-then-results", "lab04.loop.transcript", "lab04.http.disk-story-over-the-wire"]),
    .slipping("loop: answers every call with the first call's tool_call_id", .firstCallIDForEveryResult,
              caughtBy: ["lab04.loop.every-call-in-order"]),
    .slipping("loop: executes only the first tool call of a turn", .firstCallOnly, caughtBy: ["lab04.loop.every-call-in-order"]),
    .slipping("loop: a tool's error ends the run instead of going back to the model", .toolErrorThrows,
              caughtBy: ["lab04.loop.tool-error-fed-back"]),
    .slipping("loop: an unknown tool ends the run", .unknownToolThrows, caughtBy: ["lab04.loop.unknown-tool-fed-back"]),
    .slipping("loop: no step limit (loops for ever)", .noStepLimit,
              caughtBy: ["lab04.loop.step-limit", "lab04.budget.step-limit", "lab04.http.runaway-stopped"]),
    .slipping("loop: one model call more than maxSteps", .oneStepTooMany,
              caughtBy: ["lab04.loop.step-limit", "lab04.budget.step-limit", "lab04.http.runaway-stopped"]),
    .slipping("loop: the returned transcript lacks the answer", .transcriptWithoutAnswer, caughtBy: ["lab04.loop.transcript"]),
    .slipping("loop: an empty answer is returned as \"\"", .emptyAnswerAccepted, caughtBy: ["lab04.loop.empty-answer"]),
    .slipping("loop: offers no tools", .noToolsOffered, caughtBy: ["lab04.loop.first-request", "lab04.http.disk-story-over-the-wire"]),
    .slipping("loop: tool results sent as user messages", .resultsAsUserMessages, caughtBy: ["lab04.loop.assistant-then-results"]),
    .slipping("loop: stops after the first round of tools", .stopsAfterFirstRound,
              caughtBy: ["lab04.loop.runs-until-answer", "lab04.budget.within-limits"]),
    .slipping("loop: the model's error returned as the answer", .modelErrorAsAnswer,
              caughtBy: ["lab04.loop.model-error-passes-through"]),
    .slipping("budget: ignores budget.maxSteps (always 20)", .fixedStepLimit, caughtBy: ["lab04.budget.step-limit"]),
    .slipping("budget: wall time measured per step, not from the start", .wallTimePerStep,
              caughtBy: ["lab04.budget.wall-time", "lab04.budget.wall-time-counts-tools"]),
    .slipping("budget: wall time counts the model's time only", .wallTimeOfModelOnly, caughtBy: ["lab04.budget.wall-time-counts-tools"]),
    .slipping("budget: wall time on a clock of its own (ContinuousClock)", .ownClock,
              caughtBy: ["lab04.budget.wall-time", "lab04.budget.wall-time-counts-tools"]),
    .slipping("budget: counts completion tokens only", .completionTokensOnly, caughtBy: ["lab04.budget.tokens-added-up"]),
    .slipping("budget: counts the last answer's tokens, not the total", .lastAnswerTokensOnly, caughtBy: ["lab04.budget.tokens-added-up"]),
    .slipping("budget: exactly maxTokens counts as over", .tokensAtLimitAreOver, caughtBy: ["lab04.budget.tokens-at-limit"]),
    .slipping("budget: runs the tools of the answer that went over budget", .actsBeforeCountingTokens,
              caughtBy: ["lab04.budget.tokens-added-up"]),
    .slipping("persist: saves the task running only after the first answer", .savesRunningAfterFirstAnswer,
              caughtBy: ["lab04.persist.running-first"]),
    .slipping("persist: the conversation lacks the system prompt", .noSystemPrompt,
              caughtBy: ["lab04.persist.starts-with-prompt-and-input"]),
    .slipping("persist: never saves the task completed", .neverSavesCompleted, caughtBy: ["lab04.persist.completed-with-answer"]),
    .slipping("persist: a failed run is saved completed", .errorSavedAsCompleted, caughtBy: ["lab04.persist.failed-with-error"]),
    .slipping("persist: checkpoints before the tool result, not after", .checkpointsBeforeResults,
              caughtBy: ["lab04.persist.result-saved-before-next-step"]),
    .slipping("persist: checkpoints once per turn, after all its results", .checkpointsOncePerTurn,
              caughtBy: ["lab04.persist.result-saved-before-next-step", "lab04.persist.calls-saved-before-they-run"]),
    .slipping("persist: no checkpoint of the tool calls before they run", .noCheckpointBeforeCalls,
              caughtBy: ["lab04.persist.calls-saved-before-they-run"]),
    .slipping("resume: an unknown task is started from scratch", .unknownTaskStartsOver, caughtBy: ["lab04.resume.unknown-task"]),
    .slipping("resume: a completed task runs again", .completedRunsAgain, caughtBy: ["lab04.resume.completed-untouched"]),
    .slipping("resume: re-executes the saved tool calls", .replaysSavedCalls,
              caughtBy: ["lab04.resume.skips-saved-results", "lab04.resume.runs-unanswered-call"]),
    .slipping("resume: ignores the checkpoint and starts over", .ignoresCheckpoint,
              caughtBy: ["lab04.resume.skips-saved-results", "lab04.resume.runs-unanswered-call"]),
    .slipping("resume: leaves the interrupted call unanswered", .skipsUnansweredCall, caughtBy: ["lab04.resume.runs-unanswered-call"]),
    .slipping("resume: the interrupted call's result is not checkpointed", .unansweredResultNotSaved,
              caughtBy: ["lab04.resume.runs-unanswered-call"]),
    .slipping("resume: the attempt is not counted", .attemptsNotCounted, caughtBy: ["lab04.resume.counted-and-completed"]),
    .slipping("resume: no checkpoint is an error", .missingCheckpointThrows, caughtBy: ["lab04.resume.no-checkpoint-starts-over"]),
]
