import Foundation
import LabChecks
#if os(Linux)
import Glibc
#endif

/// What happened to the entries of one directory while a check's body ran, as the kernel
/// reported it (Linux's inotify): which names were created, written, deleted, and renamed from
/// and to, in order. Renames carry a cookie that pairs the name moved from with the name moved to.
///
/// This is how the persistence checks see what `saveTasks` did, not only what it left: whether
/// `tasks.json` arrived by a rename from its own directory, whether it was written in place, and
/// whether there was a moment with no `tasks.json` at all. Other systems have no such report:
/// there ``watching(_:during:)`` returns `nil` and the checks that need it say nothing.
struct DirectoryEvents {
    enum Kind: String {
        case created, modified, deleted
        case movedFrom = "moved away"
        case movedTo = "moved in"
    }

    struct Event {
        let kind: Kind
        let name: String
        let cookie: UInt32
    }

    let events: [Event]

    /// Runs `body` while watching `directory`.
    /// - Returns: What happened in the directory, or `nil` where the system cannot tell.
    /// - Throws: What `body` threw; a `KitFailure` when the watch itself cannot be set up.
    static func watching(_ directory: URL, during body: () throws -> Void) throws -> DirectoryEvents? {
        #if os(Linux)
        let fd = try kit("watch the folder with inotify") { () throws -> Int32 in
            let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let mask = UInt32(IN_CREATE | IN_MODIFY | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
            guard inotify_add_watch(fd, directory.path, mask) >= 0 else {
                let code = errno
                close(fd)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
            return fd
        }
        defer { close(fd) }
        try body()
        return try kit("read what inotify saw") { try DirectoryEvents(reading: fd) }
        #else
        try body()
        return nil
        #endif
    }

    #if os(Linux)
    /// Reads every event queued on an inotify descriptor opened non-blocking.
    private init(reading fd: Int32) throws {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EAGAIN { break }
            guard count > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            var offset = 0
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    throw POSIXError(.EOVERFLOW)
                }
                let nameBytes = buffer[(offset + header)..<(offset + header + Int(event.len))]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                let kinds: [(Int32, Kind)] = [
                    (IN_CREATE, .created), (IN_MODIFY, .modified), (IN_DELETE, .deleted),
                    (IN_MOVED_FROM, .movedFrom), (IN_MOVED_TO, .movedTo),
                ]
                for (bit, kind) in kinds where event.mask & UInt32(bit) != 0 {
                    events.append(Event(kind: kind, name: name, cookie: event.cookie))
                }
                offset += header + Int(event.len)
            }
        }
        self.events = events
    }
    #endif

    /// How `name` came to hold its new content.
    enum Arrival: Equatable {
        /// A file of the same directory, `from`, was renamed over it: the atomic way.
        case renamed(from: String)
        /// It was created or written through its own name.
        case writtenInPlace
        /// A file from outside the directory was moved over it.
        case movedInFromElsewhere
        /// Nothing arrived under that name.
        case none
    }

    /// How `name` got its new content during the watch.
    func arrival(of name: String) -> Arrival {
        if events.contains(where: { $0.name == name && ($0.kind == .created || $0.kind == .modified) }) {
            return .writtenInPlace
        }
        guard let moved = events.last(where: { $0.name == name && $0.kind == .movedTo }) else { return .none }
        guard let source = events.first(where: { $0.kind == .movedFrom && $0.cookie == moved.cookie }) else {
            return .movedInFromElsewhere
        }
        return .renamed(from: source.name)
    }

    /// The first event that took `name` away (deleted, or renamed to another name) before a new
    /// file was in place: a moment in which a reader would find no file at all.
    func removal(of name: String) -> Event? {
        events.first { $0.name == name && ($0.kind == .deleted || $0.kind == .movedFrom) }
    }
}
