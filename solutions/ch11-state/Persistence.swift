import Foundation
import LabKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `tasks.json` writes dates: ISO 8601 in UTC with milliseconds, `2026-01-01T09:30:00.125Z`.
///
/// JSONEncoder's own `.iso8601` strategy keeps whole seconds only, so a task stamped at
/// 09:30:00.125 would read back as 09:30:00: not the task that was saved.
private let taskDateFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

/// Writes `tasks` to `file` as JSON so that a crash at any moment leaves either the old file or
/// the new one, never half of one: the JSON goes to a temporary file in the same directory, is
/// synced to disk, then renamed over `file`.
///
/// - Throws: `StoreError.io` when the file cannot be written; encoding errors.
public func saveTasks(_ tasks: [AgentTask], to file: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(date.formatted(taskDateFormat))
    }
    let data = try encoder.encode(tasks)

    let temporary = file.deletingLastPathComponent()
        .appendingPathComponent(".\(file.lastPathComponent).saving")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
        throw StoreError.io(path: temporary.path, reason: "cannot create the temporary file")
    }
    let handle = try FileHandle(forWritingTo: temporary)
    do {
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
    } catch {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
        throw StoreError.io(path: temporary.path, reason: "\(error)")
    }
    guard rename(temporary.path, file.path) == 0 else {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw StoreError.io(path: file.path, reason: reason)
    }
}

/// Reads the tasks that ``saveTasks(_:to:)`` wrote.
///
/// - Returns: The saved tasks, or none when `file` does not exist yet.
/// - Throws: `StoreError.corrupt` when the file exists but is not a valid list of tasks (the
///   file is left as it is); `StoreError.io` when it cannot be read.
public func loadTasks(from file: URL) throws -> [AgentTask] {
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    let data: Data
    do {
        data = try Data(contentsOf: file)
    } catch {
        throw StoreError.io(path: file.path, reason: "\(error)")
    }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        return try taskDateFormat.parse(container.decode(String.self))
    }
    do {
        return try decoder.decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}
