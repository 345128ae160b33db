import Foundation

/// Appends check results to a file, one JSON object a line, each written and flushed the moment
/// its check finishes: a process that dies later keeps the results before it.
///
/// The grader reads the file back with ``ResultStream/read(path:)``.
public struct ResultStream: Sendable {
    public let path: String

    /// Opens (creating it if needed) the file that results are appended to.
    /// - Throws: `CocoaError` when the file cannot be created.
    public init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    /// Appends one result as a line of JSON and flushes it to the file.
    public func append(_ result: CheckResult) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(result)
        line.append(UInt8(ascii: "\n"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
    }

    /// The results in a file written by ``append(_:)``; a last line cut short (the process died
    /// while writing it) is left out.
    public static func read(path: String) -> [CheckResult] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(CheckResult.self, from: Data($0)) }
    }
}
