import Foundation

/// The committed record of each chapter's starter: a SHA-256 per file of `labs/<chapter>/`, and
/// the chapter's checks (so a chapter that does not compile still reports every check).
///
/// A chapter whose files hash exactly as here is `not_attempted`. `grade manifest` writes it;
/// `grade manifest --check` (run by CI) fails when it is out of date.
public struct StarterManifest: Codable, Sendable, Equatable {
    /// Where the manifest lives in the kit.
    public static let path = "labs/starters.json"

    public struct Chapter: Codable, Sendable, Equatable {
        /// SHA-256 of each file, keyed by its path relative to `labs/<chapter>/`.
        public var files: [String: String]
        public var checks: [CheckEntry]

        public init(files: [String: String], checks: [CheckEntry]) {
            self.files = files
            self.checks = checks
        }
    }

    public var chapters: [String: Chapter]

    public init(chapters: [String: Chapter] = [:]) {
        self.chapters = chapters
    }

    /// The manifest committed in `kit`, or an empty one when there is none.
    /// - Throws: `GradeError.manifest` when the file exists but cannot be read.
    public static func load(from kit: Kit) throws -> StarterManifest {
        let url = kit.root.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { return StarterManifest() }
        do {
            return try JSONDecoder().decode(StarterManifest.self, from: data)
        } catch {
            throw GradeError.manifest("\(path) cannot be read: \(error)")
        }
    }

    /// The hashes of every file of `labs/<chapter>/` in `labs`.
    public static func hashes(of chapter: String, in labs: URL) -> [String: String] {
        let folder = labs.appendingPathComponent(chapter)
        var hashes: [String: String] = [:]
        for file in Kit.regularFiles(under: folder) {
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data()
            hashes[file] = SHA256.hex(data)
        }
        return hashes
    }

    /// Whether `labs/<chapter>/` in `labs` is byte-identical to the starter: the same files,
    /// each with the same hash. `false` for a chapter the manifest does not know.
    public func isStarter(_ chapter: String, in labs: URL) -> Bool {
        guard let known = chapters[chapter] else { return false }
        return Self.hashes(of: chapter, in: labs) == known.files
    }

    /// The manifest as committed: pretty, keys sorted, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
