import Foundation

/// A copy of the agent-labs kit on disk, and the chapters in it.
///
/// A chapter is a folder `labs/<name>/` whose name is also an executable product in
/// Package.swift: chapters are discovered, never listed in code.
public struct Kit: Sendable {
    /// The kit's root: the folder with Package.swift.
    public let root: URL

    /// - Throws: `GradeError.notAKit` when `root` has no Package.swift or no labs/.
    public init(root: URL) throws {
        self.root = root.standardizedFileURL
        let files = FileManager.default
        guard files.fileExists(atPath: root.appendingPathComponent("Package.swift").path),
              files.fileExists(atPath: root.appendingPathComponent("labs").path) else {
            throw GradeError.notAKit(root.path)
        }
    }

    public var labs: URL { root.appendingPathComponent("labs") }

    /// The chapters, sorted by name: folders of labs/ that are executable products too.
    public func chapters() throws -> [String] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let products = Self.executableProducts(in: manifest)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: labs.path)) ?? []
        return folders.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: labs.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue && products.contains(name)
        }.sorted()
    }

    /// The names of `.executable(name: "…"` products in a Package.swift's text.
    static func executableProducts(in manifest: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(manifest)
        while let start = rest.range(of: ".executable(") {
            rest = rest[start.upperBound...]
            guard let open = rest.range(of: "name:"), let quote = rest[open.upperBound...].firstIndex(of: "\"") else { break }
            let afterQuote = rest.index(after: quote)
            guard let close = rest[afterQuote...].firstIndex(of: "\"") else { break }
            names.insert(String(rest[afterQuote..<close]))
            rest = rest[close...]
        }
        return names
    }

    /// The chapters named, or every chapter when none is.
    /// - Throws: `GradeError.unknownChapter` for a name that is not a chapter.
    public func chapters(named names: [String]) throws -> [String] {
        let all = try chapters()
        for name in names where !all.contains(name) {
            throw GradeError.unknownChapter(name, known: all)
        }
        return names.isEmpty ? all : all.filter(names.contains)
    }

    /// The files of `labs/<chapter>/` (relative paths, sorted), skipping hidden files and links.
    public func sourceFiles(of chapter: String) -> [String] {
        Self.regularFiles(under: labs.appendingPathComponent(chapter))
    }

    /// Regular files under `folder`, as sorted relative paths; hidden entries and symbolic
    /// links are left out.
    public static func regularFiles(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        let base = folder.standardizedFileURL.path
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isSymbolicLink != true, values?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base + "/") else { continue }
            files.append(String(path.dropFirst(base.count + 1)))
        }
        return files.sorted()
    }
}
