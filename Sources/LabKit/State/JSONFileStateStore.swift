import Foundation

/// A ``StateStore`` that keeps every task in one human-readable JSON file: the chapter's
/// `tasks.json`, done right.
///
/// The file is a JSON array of tasks, oldest first (then by id), pretty-printed with sorted
/// keys and ISO 8601 dates with milliseconds. It is read once, at first use, and kept in
/// memory; every ``save(_:)`` writes the whole file again through ``AtomicFile``, so a crash
/// leaves either the old file or the new one, never half of one.
///
/// A missing file is an empty store. A file that cannot be decoded is reported as
/// ``StoreError/corrupt(path:reason:)`` by every call, `save` included, and is never
/// overwritten: fix it or move it away, and the next call reads it again.
///
/// One store instance per file at a time: two live instances on one path do not see each
/// other's saves. A new instance sees everything saved before it was created.
///
/// ```swift
/// let store = JSONFileStateStore(path: "state/tasks.json")
/// try await store.save(AgentTask(id: "deploy-42", input: "Deploy service X", createdAt: now()))
/// let pending = try await store.tasks(in: .pending)
/// ```
public actor JSONFileStateStore: StateStore {
    /// The path of the JSON file.
    public nonisolated let path: String
    /// The tasks by id, once the file was read successfully.
    private var cache: [String: AgentTask]?

    /// Creates a store backed by the JSON file at `path`, which is read at first use.
    ///
    /// - Parameter path: The file to read and write. Missing parent directories are created
    ///   on the first save.
    public init(path: String) {
        self.path = path
    }

    public func save(_ task: AgentTask) throws {
        var next = try loaded()
        next[task.id] = task
        let data = try encode(next.values.sorted(by: AgentTask.storeOrder))
        try AtomicFile.createDirectory(containing: path)
        try AtomicFile.write(data, to: path)
        cache = next
    }

    public func task(id: String) throws -> AgentTask? {
        try loaded()[id]
    }

    public func tasks(in state: AgentTask.State) throws -> [AgentTask] {
        try loaded().values.filter { $0.state == state }.sorted(by: AgentTask.storeOrder)
    }

    /// Returns the tasks, reading the file the first time.
    private func loaded() throws(StoreError) -> [String: AgentTask] {
        if let cache { return cache }
        let tasks = try read()
        var byID: [String: AgentTask] = [:]
        for task in tasks {
            guard byID.updateValue(task, forKey: task.id) == nil else {
                throw .corrupt(path: path, reason: "the id \"\(task.id)\" appears more than once")
            }
        }
        cache = byID
        return byID
    }

    private func read() throws(StoreError) -> [AgentTask] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        do {
            return try Self.decoder.decode([AgentTask].self, from: data)
        } catch let error as DecodingError {
            throw .corrupt(path: path, reason: Self.plainWords(error))
        } catch {
            throw .corrupt(path: path, reason: "\(error)")
        }
    }

    private func encode(_ tasks: [AgentTask]) throws(StoreError) -> Data {
        do {
            var data = try Self.encoder.encode(tasks)
            data.append(contentsOf: "\n".utf8)
            return data
        } catch {
            throw .io(path: path, reason: "cannot encode the tasks: \(error)")
        }
    }
}

// MARK: - The file format

extension JSONFileStateStore {
    /// ISO 8601 in UTC with milliseconds, read from a file, such as `2026-01-01T09:30:00.125Z`.
    private static let dateFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    /// ISO 8601 in UTC without fractional seconds: written before the milliseconds are added,
    /// and accepted when reading a hand-edited file.
    private static let wholeSecondDateFormat = Date.ISO8601FormatStyle()

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            guard let text = iso8601(date) else {
                throw EncodingError.invalidValue(date, EncodingError.Context(
                    codingPath: encoder.codingPath, debugDescription: "\(date) has no ISO 8601 form"))
            }
            try container.encode(text)
        }
        return encoder
    }

    /// Formats a date as ISO 8601 in UTC, rounded to the nearest millisecond.
    ///
    /// Foundation's own fractional format truncates, which turns `.123` (stored in binary as
    /// `.12299999...`) into `.122`; rounding first keeps every millisecond.
    static func iso8601(_ date: Date) -> String? {
        guard let total = Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded()) else { return nil }
        var (seconds, milliseconds) = total.quotientAndRemainder(dividingBy: 1000)
        if milliseconds < 0 {
            seconds -= 1
            milliseconds += 1000
        }
        let whole = wholeSecondDateFormat.format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        guard whole.hasSuffix("Z") else { return nil }
        let digits = String(milliseconds)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = (try? dateFormat.parse(text)) ?? (try? wholeSecondDateFormat.parse(text)) {
                return date
            }
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not an ISO 8601 date")
        }
        return decoder
    }

    /// Says what is wrong with the file, and where, without the noise of `DecodingError`.
    static func plainWords(_ error: DecodingError) -> String {
        func place(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "at the top level" : "at " + path.jsonPath
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "the file is not valid JSON" + (detail.map { " (\($0))" } ?? "")
        case .dataCorrupted(let context):
            return "invalid value \(place(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing key \"\(key.stringValue)\" \(place(context.codingPath))"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "expected a JSON array of tasks at the top level"
        case .typeMismatch(let type, let context):
            return "expected \(type) \(place(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "missing value (\(type)) \(place(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}
