import Foundation
import LabChecks

/// The files under a folder that this process holds open, as Linux's `/proc/self/fd` shows them.
///
/// - Returns: The open files' paths (a removed one ends in " (deleted)"), or `nil` where the
///   platform cannot tell: the check that uses it then passes without looking.
func openFiles(under directory: URL) throws -> [String]? {
    #if os(Linux)
    let descriptors = try kit("list this process's open files") {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
    }
    let folder = directory.resolvingSymlinksInPath().path + "/"
    return descriptors.compactMap { descriptor in
        // A descriptor closed since the listing has no link any more: not open.
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
        else { return nil }
        return target.hasPrefix(folder) ? target : nil
    }
    #else
    return nil
    #endif
}
