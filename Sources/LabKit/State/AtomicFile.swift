import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files atomically: a reader sees the old content or the new one, never a mix.
///
/// ``write(_:to:)`` is the classic recipe, step by step:
///
/// 1. write the bytes to a temporary file in the target's directory (same file system, so the
///    rename below is atomic);
/// 2. flush that file to disk (`fsync`), so the new content is durable before it is visible;
/// 3. `rename` the temporary file over the target, which atomically swaps the directory entry;
/// 4. flush the directory, so the rename itself survives a power cut.
///
/// Skip step 2 and a crash can leave an empty `tasks.json`; write in place instead of
/// renaming and a crash can leave half of one.
package enum AtomicFile {
    /// Tells temporary files of one process apart; the process id tells processes apart.
    private static let counter = Atomic<Int>(0)

    /// Atomically replaces the content of the file at `path` with `data`.
    ///
    /// Creates the file if it does not exist; a replaced file keeps its permissions. On failure
    /// the target is untouched and the temporary file is removed.
    ///
    /// - Parameters:
    ///   - data: The complete new content of the file.
    ///   - path: Where the file lives. Its directory must exist (see
    ///     ``createDirectory(containing:)``).
    /// - Throws: ``StoreError/io(path:reason:)`` naming the step that failed and why.
    package static func write(_ data: Data, to path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var existing = stat()
        let keptMode: mode_t? = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : nil

        // A name no other writer uses: this process's id and a serial number. A stale file
        // left by a crashed process that had the same id is skipped, never reused.
        var tempPath = ""
        var fd: Int32 = -1
        for _ in 0..<100 {
            let serial = counter.add(1, ordering: .relaxed).oldValue
            tempPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).\(serial).tmp"
            fd = open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, keptMode ?? 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(path, "cannot create temporary file \(tempPath)") }
        do throws(StoreError) {
            if let keptMode, fchmod(fd, keptMode) != 0 {
                throw failure(path, "cannot copy the permissions to the temporary file")
            }
            try writeAll(data, to: fd, path: path)
            try flush(fd, path: path, what: "temporary file")
        } catch {
            close(fd)
            unlink(tempPath)
            throw error
        }
        guard close(fd) == 0 else {
            let error = failure(path, "cannot close temporary file")
            unlink(tempPath)
            throw error
        }
        guard rename(tempPath, path) == 0 else {
            let error = failure(path, "cannot rename \(tempPath) over it")
            unlink(tempPath)
            throw error
        }
        try flushDirectory(directory.isEmpty ? "." : directory, path: path)
    }

    /// Creates the directory that holds `path`, and its parents, when it is missing.
    ///
    /// - Parameter path: A file path; only its directory part is created.
    /// - Throws: ``StoreError/io(path:reason:)`` when the directory cannot be created.
    package static func createDirectory(containing path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: path, reason: "cannot create directory \(directory): \(error.localizedDescription)")
        }
    }

    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws(StoreError) {
        var failed: StoreError?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = posixWrite(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = failure(path, "cannot write temporary file")
                    return
                }
                offset += written
            }
        }
        if let failed { throw failed }
    }

    private static func flush(_ fd: Int32, path: String, what: String) throws(StoreError) {
        #if canImport(Darwin)
        // On Apple platforms fsync only reaches the drive's cache; F_FULLFSYNC reaches the disk.
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(fd) == 0 else { throw failure(path, "cannot fsync \(what)") }
    }

    private static func flushDirectory(_ directory: String, path: String) throws(StoreError) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, "cannot open directory \(directory) to fsync it") }
        defer { close(fd) }
        try flush(fd, path: path, what: "directory \(directory)")
    }

    private static func failure(_ path: String, _ step: String) -> StoreError {
        .io(path: path, reason: "\(step): \(String(cString: strerror(errno)))")
    }
}

/// `write(2)`, named apart so that ``AtomicFile/write(_:to:)`` does not hide it.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
