import Foundation
import LabKit

// Exercise 5 of chapter 11: the chapter's tasks.json, written so that a crash cannot lose it.
// The assignment: labs/ch11-state/README.md. Check your work: swift run ch11-state check

/// Writes `tasks` to `file` as JSON, atomically.
///
/// The contract the checks hold you to (`ch11.persistence.*`):
/// - Never create or write `file` through its own name: write the JSON to a temporary file in
///   the same directory as `file` (not the system's temporary directory), sync it to disk, then
///   rename it over `file`. A crash then leaves the old file or the new one, never half of one,
///   and never none: do not remove the old file first.
/// - Leave no temporary file behind: when this returns, no file in the directory other than
///   `file` holds the JSON it wrote. (A file you keep on purpose that holds something else, such
///   as a backup of the previous version, is not a temporary file.)
/// - When a step fails (the temporary file cannot be written, the rename is refused), throw
///   `StoreError.io(path:reason:)` and leave no temporary file behind either.
/// - Close every file you open, on every path.
/// - `loadTasks(from:)` must read back the same tasks, every field equal and dates to within a
///   millisecond. `JSONEncoder`'s `.iso8601` keeps whole seconds only: use the default
///   `.deferredToDate`, `.millisecondsSince1970`, or ISO 8601 with fractional seconds in a
///   `.custom` strategy (`Date.ISO8601FormatStyle(includingFractionalSeconds: true)`).
public func saveTasks(_ tasks: [AgentTask], to file: URL) throws {
    throw LabError.notImplemented("saveTasks(_:to:)")
}

/// Reads the tasks that `saveTasks(_:to:)` wrote.
///
/// The contract the checks hold you to (`ch11.persistence.*`):
/// - Nothing at `file` yet: return `[]`. Only then.
/// - A file that exists but does not decode (an empty file too): throw
///   `StoreError.corrupt(path: file.path, reason:)` and leave the file as it is. Never treat it
///   as empty: the next save would wipe every task.
/// - Something at `file` that cannot be read (a directory, no permission): throw
///   `StoreError.io(path: file.path, reason:)`.
public func loadTasks(from file: URL) throws -> [AgentTask] {
    throw LabError.notImplemented("loadTasks(from:)")
}
