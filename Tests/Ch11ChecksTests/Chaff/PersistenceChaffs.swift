import Foundation
import Ch11Checks
import LabKit

// Buggy versions of `saveTasks` and `loadTasks`, each written the way a student might write it.

extension Chaff {
    static let persistence: [Chaff] = [
        Chaff(
            name: "save: writes tasks.json in place with Data.write(to:)",
            exercises: solution { $0.saveTasks = { try writesInPlace($0, to: $1) } },
            caughtBy: ["ch11.persistence.atomic-replace"] + linuxOnly(["ch11.persistence.renamed-into-place"])
        ),
        Chaff(
            name: "save: copies the temporary file and leaves it behind",
            exercises: solution { $0.saveTasks = { try copiesTemporaryFile($0, to: $1) } },
            caughtBy: ["ch11.persistence.no-temporary-left"]
                + linuxOnly(["ch11.persistence.never-missing", "ch11.persistence.renamed-into-place"])
        ),
        Chaff(
            name: "load: a corrupt file reads as no tasks",
            exercises: solution { $0.loadTasks = { try corruptIsEmpty(from: $0) } },
            caughtBy: ["ch11.persistence.corrupt-file", "ch11.persistence.empty-file", "ch11.persistence.unreadable-path"]
        ),
        Chaff(
            name: "load: throws when tasks.json does not exist yet",
            exercises: solution { $0.loadTasks = { try missingFileThrows(from: $0) } },
            caughtBy: ["ch11.persistence.missing-file"]
        ),
        Chaff(
            name: "load: forgets the date strategy the save used",
            exercises: solution { $0.loadTasks = { try forgetsDateStrategy(from: $0) } },
            caughtBy: ["ch11.persistence.round-trip"]
        ),
    ]
}

private func encoded(_ tasks: [AgentTask]) throws -> Data {
    try taskEncoder.encode(tasks)
}

private func writesInPlace(_ tasks: [AgentTask], to file: URL) throws {
    try encoded(tasks).write(to: file)
}

private func copiesTemporaryFile(_ tasks: [AgentTask], to file: URL) throws {
    let temporary = file.appendingPathExtension("tmp")
    try encoded(tasks).write(to: temporary)
    if FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.removeItem(at: file)
    }
    try FileManager.default.copyItem(at: temporary, to: file)
}

private func corruptIsEmpty(from file: URL) throws -> [AgentTask] {
    guard let data = try? Data(contentsOf: file) else { return [] }
    return (try? taskDecoder.decode([AgentTask].self, from: data)) ?? []
}

private func missingFileThrows(from file: URL) throws -> [AgentTask] {
    let data = try Data(contentsOf: file)
    do {
        return try taskDecoder.decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}

private func forgetsDateStrategy(from file: URL) throws -> [AgentTask] {
    guard FileManager.default.fileExists(atPath: file.path) else { return [] }
    let data = try Data(contentsOf: file)
    do {
        return try JSONDecoder().decode([AgentTask].self, from: data)
    } catch {
        throw StoreError.corrupt(path: file.path, reason: "\(error)")
    }
}
