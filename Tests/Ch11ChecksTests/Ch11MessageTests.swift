import LabChecks
import Ch11Checks
import Testing

@Suite("Chapter 11 messages name what happened, and hints the exercise that failed")
struct Ch11MessageTests {
    @Test("every hint names the function of its check's exercise")
    func hintsNameTheExercise() {
        let functions = [
            "ch11.retry.": ["executeWithRetry"],
            "ch11.idempotency.": ["executeTaskIfNotDone"],
            "ch11.resume.": ["resumeTask"],
            "ch11.deadline.": ["runWithDeadline"],
            "ch11.persistence.": ["saveTasks", "loadTasks"],
        ]
        for check in Ch11Checks.suite.checks {
            let names = functions.first { check.id.hasPrefix($0.key) }?.value ?? []
            #expect(!names.isEmpty, "\(check.id) belongs to no exercise")
            #expect(names.contains { check.hint.hasPrefix($0) }, "\(check.id): \(check.hint)")
        }
    }

    @Test("the resume checks say that resume runs through exercise 2")
    func resumeHintsPointAtExerciseTwo() {
        for check in Ch11Checks.suite.checks where check.id.hasPrefix("ch11.resume.") && check.id != "ch11.resume.unknown-task"
            && check.id != "ch11.resume.completed-untouched" {
            #expect(check.hint.contains("executeTaskIfNotDone"), "\(check.id): \(check.hint)")
        }
    }

    @Test("a wrong error is named by its type and text", arguments: [
        ("retry: retriesExhausted carries a copy of the last error's text, not the error", "ch11.retry.exhausted-error",
         "got TextError \"temporary failure on attempt 3\""),
        ("deadline: reports every error as deadlineExceeded", "ch11.deadline.work-error-passes-through",
         "got LabError.deadlineExceeded \"deadline exceeded (5s)\""),
        ("resume: swallows the run's error and returns an empty result", "ch11.resume.failure-rethrown",
         "got a returned value (no error)"),
        ("load: a file it cannot read is reported as corrupt", "ch11.persistence.unreadable-path",
         "got StoreError.corrupt"),
    ])
    func wrongErrorsAreNamed(chaff name: String, check id: String, says text: String) async throws {
        let chaff = try #require(Chaff.all.first { $0.name == name })
        let report = await ChaffReports.shared.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == id })
        #expect(result.status == .fail)
        #expect(result.message?.contains(text) == true, "\(result.message ?? "no message")")
    }

    @Test("a timeout says what the check was waiting for")
    func timeoutsSayWhatTheyAwaited() async throws {
        let chaff = try #require(Chaff.all.first { $0.name == "deadline: the timer sleeps a fixed 30s, whatever the deadline" })
        let report = await ChaffReports.shared.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == "ch11.deadline.cancels-slow-work" })
        #expect(result.status == .timeout)
        #expect(result.message?.contains("waiting for runWithDeadline to throw once its 5s deadline had passed") == true,
                "\(result.message ?? "no message")")
    }

    @Test("a stale stamp is named with the dates now() handed out")
    func stampsAreNamed() async throws {
        let chaff = try #require(Chaff.all.first { $0.name == "task: forgets to stamp updatedAt on the running save" })
        let report = await ChaffReports.shared.report(for: chaff)
        let result = try #require(report.checks.first { $0.id == "ch11.idempotency.running-before-work" })
        #expect(result.message == "expected save 1 of 1 (running) to be stamped with updatedAt from now(), got "
            + "2025-12-31T00:00:00.000Z, which now() never returned (it returned 2026-01-01T00:00:00.000Z)")
    }
}
