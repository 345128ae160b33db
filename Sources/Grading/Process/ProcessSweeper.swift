import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and kills what a check left running outside its process group: a child that started
/// a session of its own (Foundation's `Process` does) escapes the group kill. Each check runs
/// with a mark in its environment, which its descendants inherit; afterwards every process that
/// still carries the mark is killed. Under bubblewrap the check's own process namespace already
/// takes everything down; this is for uncontained runs. Linux only (it reads /proc).
public enum ProcessSweeper {
    /// The environment variable that marks a check's processes.
    public static let variable = "AGENT_LABS_GRADE_CHECK"

    /// Kills every process whose environment holds `variable=mark`; returns how many.
    @discardableResult
    public static func kill(mark: String) -> Int {
        #if os(Linux)
        let needle = Array("\(variable)=\(mark)".utf8) + [0]
        var killed = 0
        // A process may start another while we look: a few rounds catch those.
        for _ in 0..<5 {
            var found = 0
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(entry), pid != getpid(),
                      let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { continue }
                let bytes = [UInt8](environment) + [0]
                if contains(bytes, needle) {
                    Glibc.kill(pid, SIGKILL)
                    found += 1
                }
            }
            killed += found
            if found == 0 { break }
        }
        return killed
        #else
        return 0
        #endif
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        // Entries are NUL-separated: a match starts the data or follows a NUL.
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            guard let next = haystack[start...].firstIndex(of: 0) else { return false }
            start = next + 1
        }
        return false
    }
}
