import Foundation
import LabKit

// Exercise 5 of chapter 11: the chapter's tasks.json, written so that a crash cannot lose it.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Writes `tasks` to `file` as JSON, atomically.
///
/// The contract the checks hold you to (`ch11.persistence.*`):
/// - Never write into `file` itself: write the JSON to a temporary file in the same directory,
///   sync it to disk, then rename it over `file`. A crash then leaves the old file or the new
///   one, never half of one.
/// - Leave no temporary file behind.
/// - `loadTasks(from:)` must read back exactly what was saved (dates as ISO 8601 work well).
public func saveTasks(_ tasks: [AgentTask], to file: URL) throws {
    throw LabError.notImplemented("saveTasks(_:to:)")
}

/// Reads the tasks that `saveTasks(_:to:)` wrote.
///
/// The contract the checks hold you to (`ch11.persistence.*`):
/// - A file that does not exist yet: return `[]`.
/// - A file that exists but does not decode: throw `StoreError.corrupt(path:reason:)` and leave
///   the file as it is. Never treat it as empty: the next save would wipe every task.
public func loadTasks(from file: URL) throws -> [AgentTask] {
    throw LabError.notImplemented("loadTasks(from:)")
}
