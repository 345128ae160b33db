import Foundation

/// Which chapters' files changed between two looks at labs/: the watch mode's logic, apart
/// from its loop so it is tested without waiting.
public struct ChangeDetector: Sendable {
    /// Modification time and size of each file, by chapter and relative path.
    public typealias Snapshot = [String: [String: FileStamp]]

    public struct FileStamp: Sendable, Equatable {
        public var modified: Double
        public var size: Int

        public init(modified: Double, size: Int) {
            self.modified = modified
            self.size = size
        }
    }

    public let kit: Kit
    public let chapters: [String]

    public init(kit: Kit, chapters: [String]) {
        self.kit = kit
        self.chapters = chapters
    }

    /// The files of each chapter as they are now.
    public func snapshot() -> Snapshot {
        var snapshot: Snapshot = [:]
        for chapter in chapters {
            let folder = kit.labs.appendingPathComponent(chapter)
            var stamps: [String: FileStamp] = [:]
            for file in Kit.regularFiles(under: folder) {
                let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                stamps[file] = FileStamp(modified: modified, size: (attributes?[.size] as? Int) ?? 0)
            }
            snapshot[chapter] = stamps
        }
        return snapshot
    }

    /// The chapters whose files differ (added, removed, saved) between `old` and `new`, in order.
    public static func changed(from old: Snapshot, to new: Snapshot, chapters: [String]) -> [String] {
        chapters.filter { old[$0] != new[$0] }
    }
}
