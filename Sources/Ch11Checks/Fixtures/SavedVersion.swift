import Foundation
import LabChecks
import LabKit

/// What one save of a task must hold, as a check expects it; `nil` fields are the code's choice.
struct SavedVersion: Sendable {
    let state: AgentTask.State
    let attempts: Int
    /// The `error` to find: `.some(nil)` for none, `nil` for "not checked".
    var error: String?? = nil
    /// Text the `error` must contain (case-insensitive), when its exact text is not prescribed.
    var errorContaining: String? = nil
    var result: String?? = nil

    static func pending(attempts: Int) -> SavedVersion {
        SavedVersion(state: .pending, attempts: attempts)
    }

    static func running(attempts: Int) -> SavedVersion {
        SavedVersion(state: .running, attempts: attempts, error: .some(nil))
    }

    static func completed(attempts: Int, result: String) -> SavedVersion {
        SavedVersion(state: .completed, attempts: attempts, error: .some(nil), result: .some(result))
    }

    static func failed(attempts: Int, error: String) -> SavedVersion {
        SavedVersion(state: .failed, attempts: attempts, error: .some(error))
    }

    static func failed(attempts: Int, errorContaining text: String) -> SavedVersion {
        SavedVersion(state: .failed, attempts: attempts, errorContaining: text)
    }
}

/// Fails unless the saves of `original` are exactly `expected`, each one stamped with a fresh
/// `now()` and keeping the task's id, input and `createdAt`.
///
/// - Parameters:
///   - saved: Every task the store was asked to save, in order.
///   - original: The task as the check put it in the store.
///   - stamps: The `now` the exercise was given.
///   - expected: The saves the contract asks for, in order.
func expectSaves(
    _ saved: [AgentTask], of original: AgentTask, stampedBy stamps: Stamps, _ expected: [SavedVersion]
) throws {
    let saves = saved.filter { $0.id == original.id }
    let (states, wanted) = (saves.map(\.state.rawValue), expected.map(\.state.rawValue))
    guard states == wanted else {
        throw CheckFailure("expected saved states [\(wanted.joined(separator: ", "))], "
            + "got [\(states.joined(separator: ", "))]")
    }
    var previous = original.updatedAt
    for (number, (save, want)) in zip(saves, expected).enumerated() {
        let which = "save \(number + 1) of \(saves.count) (\(save.state.rawValue))"
        func field<T: Equatable>(_ name: String, _ actual: T, _ wanted: T) throws {
            guard actual == wanted else {
                throw CheckFailure("expected \(name) \(show(wanted)) in \(which), got \(show(actual))")
            }
        }
        try field("attempts", save.attempts, want.attempts)
        if save.input != original.input {
            throw CheckFailure("expected \(which) to keep input \(show(original.input)), got \(show(save.input))")
        }
        if save.createdAt != original.createdAt {
            throw CheckFailure("expected \(which) to keep createdAt \(showDate(original.createdAt)), "
                + "got \(showDate(save.createdAt)): createdAt never changes")
        }
        if !stamps.dates.contains(save.updatedAt) {
            throw CheckFailure("expected \(which) to be stamped with updatedAt from now(), got "
                + "\(showDate(save.updatedAt)), which now() never returned (it returned "
                + "\(stamps.dates.map(showDate).joined(separator: ", ")))")
        }
        if save.updatedAt <= previous {
            throw CheckFailure("expected \(which) to get a fresh now() for updatedAt, later than "
                + "\(showDate(previous)) of the version before it, got \(showDate(save.updatedAt))")
        }
        previous = save.updatedAt
        if let error = want.error {
            if error == nil, let stale = save.error {
                throw CheckFailure("expected no error (nil) in \(which), got \(show(stale))")
            }
            try field("error", save.error, error)
        }
        if let text = want.errorContaining, save.error?.localizedCaseInsensitiveContains(text) != true {
            throw CheckFailure("expected the error in \(which) to say \(show(text)), got \(show(save.error))")
        }
        if let result = want.result {
            try field("result", save.result, result)
        }
    }
}
