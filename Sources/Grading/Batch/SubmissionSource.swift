import Foundation

/// One submission in a batch folder, and where its labs are once unpacked.
public struct SubmissionSource: Sendable, Equatable {
    /// The submission's id: its folder's or zip's name, without `.zip`.
    public var name: String
    /// The folder or zip in the batch folder.
    public var location: URL
    public var isZip: Bool { location.pathExtension.lowercased() == "zip" }

    public init(name: String, location: URL) {
        self.name = name
        self.location = location
    }

    /// The submissions in `folder`: each subfolder and each `.zip`, sorted by name; hidden
    /// entries left out.
    public static func list(in folder: URL) throws -> [SubmissionSource] {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: folder.path) else {
            throw GradeError.submission("cannot read the submissions folder \(folder.path)")
        }
        return names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue { return SubmissionSource(name: name, location: url) }
            if url.pathExtension.lowercased() == "zip" { return SubmissionSource(name: String(name.dropLast(4)), location: url) }
            return nil
        }
    }

    /// The folder that holds the chapter folders: `X/labs` for a kit copy, `X` itself for a
    /// copy of labs/, looking one level down when X holds a single folder (a zip of a folder).
    public static func labsFolder(in root: URL, chapters: [String]) -> URL? {
        let files = FileManager.default
        func holdsChapters(_ url: URL) -> Bool {
            chapters.contains { files.fileExists(atPath: url.appendingPathComponent($0).path) }
        }
        var candidate = root
        for _ in 0..<3 {
            if holdsChapters(candidate.appendingPathComponent("labs")) { return candidate.appendingPathComponent("labs") }
            if holdsChapters(candidate) { return candidate }
            let inside = ((try? files.contentsOfDirectory(atPath: candidate.path)) ?? []).filter { !$0.hasPrefix(".") && $0 != "__MACOSX" }
            guard inside.count == 1 else { return nil }
            candidate = candidate.appendingPathComponent(inside[0])
        }
        return nil
    }
}
