import Foundation
import Ch11Checks
import LabChecks
import LabKit
import Ch11StateSolution
#if canImport(Glibc)
import Glibc
#endif

// More buggy versions of `saveTasks` and `loadTasks`: the file's edge cases, the errors'
// payloads, the dates, and how the new file takes the old one's place.

extension Chaff {
    static let files: [Chaff] = [
        Chaff(
            name: "save: a failed rename leaves its temporary file behind",
            exercises: solution { $0.saveTasks = { tasks, file in
                let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).saving")
                try writeSynced(tasks, to: temporary)
                guard rename(temporary.path, file.path) == 0 else {
                    throw StoreError.io(path: file.path, reason: String(cString: strerror(errno)))
                }
            } },
            caughtBy: ["ch11.persistence.failed-save-cleans-up"]
        ),
        Chaff(
            name: "save: a failed rename comes out as Foundation's error, not StoreError.io",
            exercises: solution { $0.saveTasks = { tasks, file in
                try taskEncoder.encode(tasks).write(to: file, options: .atomic)
            } },
            caughtBy: ["ch11.persistence.failed-save-cleans-up"]
        ),
    ] + linuxOnly([
        Chaff(
            name: "save: the temporary file's handle is never closed",
            exercises: solution { $0.saveTasks = { tasks, file in
                let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).saving")
                guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                    throw StoreError.io(path: temporary.path, reason: "cannot create")
                }
                let handle = try FileHandle(forWritingTo: temporary)
                try handle.write(contentsOf: taskEncoder.encode(tasks))
                try handle.synchronize()
                leakedHandles.append(handle)
                guard rename(temporary.path, file.path) == 0 else {
                    throw StoreError.io(path: file.path, reason: String(cString: strerror(errno)))
                }
            } },
            caughtBy: ["ch11.persistence.closes-files"],
            only: ["ch11.persistence.closes-files"]
        ),
    ]) + [
        Chaff(
            name: "load: an empty file reads as no tasks",
            exercises: solution { $0.loadTasks = { file in
                if let data = FileManager.default.contents(atPath: file.path), data.isEmpty { return [] }
                return try loadTasks(from: file)
            } },
            caughtBy: ["ch11.persistence.empty-file"]
        ),
        Chaff(
            name: "load: anything it cannot read, a folder too, reads as no tasks",
            exercises: solution { $0.loadTasks = { file in
                guard let data = try? Data(contentsOf: file) else { return [] }
                return try decodeTasks(data, from: file)
            } },
            caughtBy: ["ch11.persistence.unreadable-path"]
        ),
        Chaff(
            name: "load: a file it cannot read is reported as corrupt",
            exercises: solution { $0.loadTasks = { file in
                guard FileManager.default.fileExists(atPath: file.path) else { return [] }
                do {
                    return try taskDecoder.decode([AgentTask].self, from: Data(contentsOf: file))
                } catch {
                    throw StoreError.corrupt(path: file.path, reason: "\(error)")
                }
            } },
            caughtBy: ["ch11.persistence.unreadable-path"]
        ),
        Chaff(
            name: "load: StoreError.corrupt names the file's URL string, not its path",
            exercises: solution { $0.loadTasks = { file in
                do {
                    return try loadTasks(from: file)
                } catch StoreError.corrupt(_, let reason) {
                    throw StoreError.corrupt(path: "\(file)", reason: reason)
                }
            } },
            caughtBy: ["ch11.persistence.corrupt-file", "ch11.persistence.empty-file"]
        ),
        Chaff(
            name: "save and load: JSONEncoder's .iso8601 dates (fractional seconds lost)",
            exercises: solution {
                $0.saveTasks = { tasks, file in
                    let encoder = JSONEncoder()
                    encoder.dateEncodingStrategy = .iso8601
                    try encoder.encode(tasks).write(to: file, options: .atomic)
                }
                $0.loadTasks = { file in
                    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    do {
                        return try decoder.decode([AgentTask].self, from: Data(contentsOf: file))
                    } catch {
                        throw StoreError.corrupt(path: file.path, reason: "\(error)")
                    }
                }
            },
            caughtBy: ["ch11.persistence.fractional-seconds"]
        ),
        Chaff(
            name: "save: the first save copies the temporary file and leaves it behind",
            exercises: solution { $0.saveTasks = { tasks, file in
                let temporary = file.appendingPathExtension("tmp")
                try writeSynced(tasks, to: temporary)
                if FileManager.default.fileExists(atPath: file.path) {
                    guard rename(temporary.path, file.path) == 0 else { throw StoreError.io(path: file.path, reason: "rename") }
                } else {
                    // "rename needs a file to replace": copy the first one into place.
                    try FileManager.default.copyItem(at: temporary, to: file)
                }
            } },
            caughtBy: ["ch11.persistence.no-temporary-left"] + linuxOnly(["ch11.persistence.renamed-into-place"])
        ),
    ] + linuxOnly(watchedFiles)

    /// Chaffs that only the checks watching the folder with inotify catch: Linux only.
    static let watchedFiles: [Chaff] = [
        Chaff(
            name: "save: the temporary file in the system's temporary folder, renamed over tasks.json",
            exercises: solution { $0.saveTasks = { tasks, file in
                let temporary = FileManager.default.temporaryDirectory
                    .appendingPathComponent("\(file.deletingLastPathComponent().lastPathComponent)-tasks.json")
                try writeSynced(tasks, to: temporary)
                guard rename(temporary.path, file.path) == 0 else { throw StoreError.io(path: file.path, reason: "rename") }
            } },
            caughtBy: ["ch11.persistence.renamed-into-place"]
        ),
        Chaff(
            name: "save: removes tasks.json, then moves the temporary file in",
            exercises: solution { $0.saveTasks = { tasks, file in
                let temporary = file.appendingPathExtension("tmp")
                try writeSynced(tasks, to: temporary)
                if FileManager.default.fileExists(atPath: file.path) {
                    try FileManager.default.removeItem(at: file)
                }
                try FileManager.default.moveItem(at: temporary, to: file)
            } },
            caughtBy: ["ch11.persistence.never-missing"]
        ),
    ]
}

extension Chaff {
    /// The checks that watch the folder with inotify: they can fail only on Linux.
    static let watchingChecks = ["ch11.persistence.renamed-into-place", "ch11.persistence.never-missing"]
}

/// Keeps the leaking chaff's handles alive, as a forgotten `close()` in a long-lived process would.
let leakedHandles = Recorder<FileHandle>()

/// `items` on Linux, where the checks that watch the folder with inotify run in full; none
/// elsewhere.
func linuxOnly<Item>(_ items: [Item]) -> [Item] {
    #if os(Linux)
    items
    #else
    []
    #endif
}

/// The reference solution's file format, for chaffs that change how the file is read or written.
let taskDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        return try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(container.decode(String.self))
    }
    return decoder
}()

let taskEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .custom { date, encoder in
        var container = encoder.singleValueContainer()
        try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
    return encoder
}()

/// Decodes tasks as the reference does, a failure being `StoreError.corrupt`.
func decodeTasks(_ data: Data, from file: URL) throws -> [AgentTask] {
    do {
        return try taskDecoder.decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}

/// Writes the tasks to `file` in place and syncs them: a temporary file, for the chaffs that
/// then put it in place the wrong way.
func writeSynced(_ tasks: [AgentTask], to file: URL) throws {
    guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
        throw StoreError.io(path: file.path, reason: "cannot create")
    }
    let handle = try FileHandle(forWritingTo: file)
    defer { try? handle.close() }
    try handle.write(contentsOf: taskEncoder.encode(tasks))
    try handle.synchronize()
}
