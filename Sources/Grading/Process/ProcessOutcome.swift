/// How a child process ended, and what it printed.
public struct ProcessOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal killed it (not the grader's: a trap, a segfault, an abort).
        case signaled(Int32)
        /// It ran past its real-time limit and the grader killed its process group.
        case timedOut
    }

    public var termination: Termination
    /// Standard output and standard error together, at most the output cap.
    public var output: String
    /// Whether more was printed than the cap kept.
    public var truncated: Bool
    /// How many bytes were printed in all.
    public var totalBytes: Int
    /// Real time from start to end, in milliseconds.
    public var durationMilliseconds: Double

    public init(termination: Termination, output: String, truncated: Bool = false, totalBytes: Int = 0, durationMilliseconds: Double = 0) {
        self.termination = termination
        self.output = output
        self.truncated = truncated
        self.totalBytes = totalBytes
        self.durationMilliseconds = durationMilliseconds
    }
}

/// A command to run: program, arguments, folder, environment.
public struct Command: Sendable, Equatable {
    public var executable: String
    public var arguments: [String]
    public var directory: String?
    public var environment: [String: String]

    public init(_ executable: String, _ arguments: [String] = [], directory: String? = nil, environment: [String: String] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
    }

    /// The command as a shell would show it, for messages.
    public var display: String { ([executable] + arguments).joined(separator: " ") }
}

/// Runs commands with a real-time limit and an output cap: the seam the grader's logic is
/// tested through.
public protocol CommandRunning: Sendable {
    func run(_ command: Command, timeLimit: Duration, outputCap: Int) throws -> ProcessOutcome
}

/// Reads a monotonic clock: the time since some fixed start. Injected so tests can drive it.
public struct Monotonic: Sendable {
    public let read: @Sendable () -> Duration

    public init(read: @escaping @Sendable () -> Duration) {
        self.read = read
    }
}

extension Duration {
    /// The duration in milliseconds, with a fraction.
    public var milliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
