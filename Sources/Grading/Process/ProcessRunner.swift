import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command in a process group of its own, with its output (standard output and standard
/// error together) read through a pipe and kept up to a cap, and kills the whole group at the
/// real-time limit.
///
/// Output past the cap is read and thrown away, so a child that prints without end neither
/// blocks nor fills memory. Whatever the child leaves behind in its group is killed when it
/// ends. Reading stops once the child is gone and the pipe has been quiet for a moment, so a
/// grandchild that escaped the group and holds the pipe cannot hang the grader.
public struct ProcessRunner: CommandRunning {
    public let monotonic: Monotonic
    /// How long to keep reading after the child ended while the pipe stays open.
    public var drainLimit: Duration = .milliseconds(300)

    public init(monotonic: Monotonic) {
        self.monotonic = monotonic
    }

    public func run(_ command: Command, timeLimit: Duration, outputCap: Int) throws -> ProcessOutcome {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw GradeError.spawnFailed(command.display, errno: errno) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(readEnd, F_SETFL, fcntl(readEnd, F_GETFL) | O_NONBLOCK)

        let start = monotonic.read()
        let pid: pid_t
        do {
            pid = try spawn(command, output: writeEnd)
        } catch {
            close(readEnd)
            close(writeEnd)
            throw error
        }
        close(writeEnd)
        defer { close(readEnd) }

        var collector = OutputCollector(cap: outputCap)
        var status: Int32 = 0
        var exited = false
        var timedOut = false
        var pipeOpen = true
        var buffer = [UInt8](repeating: 0, count: 65_536)

        // Until the child ends or its time is up: read what it prints, wait a little otherwise.
        while !exited {
            let remaining = timeLimit - (monotonic.read() - start)
            if remaining <= .zero {
                timedOut = true
                break
            }
            let waitMilliseconds = Int32(max(1, min(50, remaining.milliseconds)))
            if pipeOpen {
                pipeOpen = readAvailable(readEnd, &buffer, into: &collector, waitMilliseconds: waitMilliseconds)
            } else {
                _ = poll(nil, 0, waitMilliseconds)
            }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { exited = true }
        }
        // Take down the group: the child if it is still running, and anything it started.
        kill(-pid, SIGKILL)
        if !exited {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
        // What is left in the pipe, until it closes or stays quiet for the drain limit.
        let drainStart = monotonic.read()
        while pipeOpen && monotonic.read() - drainStart < drainLimit {
            pipeOpen = readAvailable(readEnd, &buffer, into: &collector, waitMilliseconds: 20)
        }

        let termination: ProcessOutcome.Termination
        if timedOut {
            termination = .timedOut
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signaled(status & 0x7f)
        }
        return ProcessOutcome(
            termination: termination,
            output: collector.text,
            truncated: collector.truncated,
            totalBytes: collector.total,
            durationMilliseconds: (monotonic.read() - start).milliseconds
        )
    }

    /// Reads what the pipe has now, waiting up to `waitMilliseconds` for it. Returns false at
    /// end of file.
    private func readAvailable(_ fd: Int32, _ buffer: inout [UInt8], into collector: inout OutputCollector, waitMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, waitMilliseconds)
        guard ready > 0 else { return true }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                collector.append(buffer[0..<count])
                continue
            }
            if count == 0 { return false }
            return errno == EAGAIN || errno == EINTR
        }
    }

    private func spawn(_ command: Command, output: Int32) throws -> pid_t {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // A group of its own, default signal handling, nothing blocked.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // posix_spawn cannot change folder portably: a shell does it, then becomes the program.
        var program = [command.executable] + command.arguments
        if let directory = command.directory {
            program = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", directory] + program
        }
        let argv = program.map { strdup($0) }
        let envp = command.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { arguments in
            (envp + [nil]).withUnsafeBufferPointer { environment in
                posix_spawnp(&pid, program[0], &actions, &attributes,
                             UnsafeMutablePointer(mutating: arguments.baseAddress!),
                             UnsafeMutablePointer(mutating: environment.baseAddress!))
            }
        }
        guard result == 0 else { throw GradeError.spawnFailed(command.display, errno: result) }
        return pid
    }
}

/// Keeps the first `cap` bytes a child prints and counts the rest.
struct OutputCollector {
    let cap: Int
    private(set) var kept: [UInt8] = []
    private(set) var total = 0

    init(cap: Int) {
        self.cap = cap
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        total += bytes.count
        let room = cap - kept.count
        if room > 0 { kept.append(contentsOf: bytes.prefix(room)) }
    }

    var truncated: Bool { total > kept.count }
    /// The kept bytes as text, invalid UTF-8 (a character cut at the cap) repaired.
    var text: String { String(decoding: kept, as: UTF8.self) }
}
