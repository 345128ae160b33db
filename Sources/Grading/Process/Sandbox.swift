import Foundation

/// Where and how a student's code runs: inside bubblewrap when it works here (no network, the
/// file system read-only but for the scratch folder, a private /tmp, its own process
/// namespace), and always under memory and CPU limits.
///
/// ```swift
/// let sandbox = Sandbox.detect(runner: runner)
/// let command = sandbox.wrap(Command(binary, ["check"]), scratch: "/tmp/grade/1")
/// ```
public struct Sandbox: Sendable {
    public enum Mode: Sendable, Equatable {
        /// bubblewrap at this path.
        case bubblewrap(String)
        /// No containment, for this reason.
        case none(String)
    }

    /// Limits on each check's process.
    public struct Limits: Sendable, Equatable {
        /// Address space, in bytes.
        public var memoryBytes: Int = 4 << 30
        /// CPU time, in seconds.
        public var cpuSeconds: Int = 30
        /// Processes (where the system enforces it for the sandbox's user).
        public var processes: Int = 256

        public init() {}
    }

    public var mode: Mode
    public var limits = Limits()
    /// `prlimit` (util-linux), which sets the limits; `nil` falls back to the shell's `ulimit`.
    public var prlimit: String?

    public init(mode: Mode, prlimit: String? = nil) {
        self.mode = mode
        self.prlimit = prlimit
    }

    /// Finds bubblewrap and `prlimit`, and tries bubblewrap once: in some containers it is
    /// installed but cannot create namespaces, and then the grader runs uncontained and says so.
    public static func detect(runner: any CommandRunning, environment: [String: String] = ProcessInfo.processInfo.environment) -> Sandbox {
        let prlimit = which("prlimit", environment: environment)
        if environment["GRADE_NO_SANDBOX"] != nil {
            return Sandbox(mode: .none("GRADE_NO_SANDBOX is set"), prlimit: prlimit)
        }
        #if os(Linux)
        guard let bwrap = which("bwrap", environment: environment) else {
            return Sandbox(mode: .none("bubblewrap is not installed (scripts/setup.sh installs it)"), prlimit: prlimit)
        }
        let probe = Sandbox(mode: .bubblewrap(bwrap), prlimit: prlimit)
        let scratch = FileManager.default.temporaryDirectory.path
        let trial = probe.wrap(Command("/bin/sh", ["-c", "exit 0"]), scratch: scratch)
        if let outcome = try? runner.run(trial, timeLimit: .seconds(10), outputCap: 4096), outcome.termination == .exited(0) {
            return probe
        }
        let said = (try? runner.run(trial, timeLimit: .seconds(10), outputCap: 4096).output) ?? ""
        let reason = said.split(separator: "\n").first.map(String.init) ?? "it did not start"
        return Sandbox(mode: .none("bubblewrap cannot run here: \(reason)"), prlimit: prlimit)
        #else
        return Sandbox(mode: .none("no sandbox on this platform (bubblewrap is Linux only)"), prlimit: prlimit)
        #endif
    }

    /// What the reports say about containment.
    public var containment: Containment {
        let limits = "\(limits.memoryBytes >> 30) GiB of memory, \(limits.cpuSeconds) s of CPU per check"
        switch mode {
        case .bubblewrap:
            return Containment(contained: true, detail: "bubblewrap: no network, no writes outside the scratch folder, own process namespace; \(limits)")
        case .none(let reason):
            return Containment(contained: false, detail: "not contained (\(reason)): the code could reach the network and the disk; \(limits)")
        }
    }

    /// `command`, run inside the sandbox with `scratch` as its only writable folder, under the limits.
    /// - Parameter visible: Folders under /tmp (which the sandbox replaces with an empty one)
    ///   that must stay readable, such as the one holding the program.
    public func wrap(_ command: Command, scratch: String, visible: [String] = []) -> Command {
        let limited = limit(command)
        switch mode {
        case .none:
            return limited
        case .bubblewrap(let bwrap):
            var arguments = [
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            ]
            for folder in visible where folder.hasPrefix("/tmp/") || folder == "/tmp" {
                arguments += ["--ro-bind", folder, folder]
            }
            arguments += [
                "--bind", scratch, scratch,
                "--unshare-all", "--unshare-user", "--uid", "1000", "--gid", "1000", "--cap-drop", "ALL",
                "--die-with-parent", "--new-session",
            ]
            if let directory = command.directory { arguments += ["--chdir", directory] }
            arguments += ["--", limited.executable] + limited.arguments
            return Command(bwrap, arguments, directory: command.directory, environment: command.environment)
        }
    }

    /// `command` under the memory, CPU and process limits.
    func limit(_ command: Command) -> Command {
        if let prlimit {
            return Command(prlimit, ["--as=\(limits.memoryBytes)", "--cpu=\(limits.cpuSeconds)", "--nproc=\(limits.processes)", "--",
                                     command.executable] + command.arguments,
                           directory: command.directory, environment: command.environment)
        }
        let script = "ulimit -v \(limits.memoryBytes / 1024) 2>/dev/null; ulimit -t \(limits.cpuSeconds); exec \"$0\" \"$@\""
        return Command("/bin/sh", ["-c", script, command.executable] + command.arguments,
                       directory: command.directory, environment: command.environment)
    }

    /// The first executable called `name` on the PATH.
    static func which(_ name: String, environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin:/usr/sbin:/sbin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/sbin"] {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
