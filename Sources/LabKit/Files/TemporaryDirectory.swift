import Foundation

/// A directory of its own under the system's temporary folder, removed by ``remove()``.
///
/// Made with `mkdtemp`, so two checks, tests or demos running at once never share one.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    /// Creates a new, empty directory.
    /// - Throws: `CocoaError` when the system cannot create it.
    public init(prefix: String = "agent-labs") throws {
        let pattern = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-XXXXXX").path
        var template = Array(pattern.utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkdtemp($0) != nil } ?? false
        }
        guard created else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: pattern])
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        url = URL(fileURLWithPath: path, isDirectory: true)
    }

    /// A path inside the directory.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// The names of the entries in the directory, sorted.
    /// - Throws: `CocoaError` when the directory cannot be read.
    public func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// Removes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
