import Foundation

/// Builds one chapter's executable with `swift build --product <chapter>`, on its own, so that a
/// chapter that does not compile cannot keep another from being graded.
public struct ChapterBuilder: Sendable {
    /// How a build ended.
    public enum Outcome: Sendable, Equatable {
        case built
        /// The compiler rejected the student's code: its first errors.
        case compileError([Diagnostic])
        /// The build failed for another reason (no toolchain, a dependency, a time-out).
        case failed(String)
    }

    public let runner: any CommandRunning
    /// The `swift` program.
    public var swift = "swift"
    /// How long a build may take.
    public var timeLimit: Duration = .seconds(1800)
    /// Environment for the compiler.
    public var environment: [String: String]
    /// Wraps the build command, for a build that runs with a submission's folder mounted over
    /// the kit's path (see `SubmissionBatch`). Identity by default.
    public var wrap: @Sendable (Command) -> Command = { $0 }

    public init(runner: any CommandRunning, environment: [String: String]) {
        self.runner = runner
        self.environment = environment
    }

    /// Builds `chapter` in the package at `root`.
    public func build(_ chapter: String, in root: URL) -> (outcome: Outcome, milliseconds: Double) {
        let command = wrap(Command(swift, ["build", "--product", chapter], directory: root.path, environment: environment))
        guard let result = try? runner.run(command, timeLimit: timeLimit, outputCap: 4 << 20) else {
            return (.failed("could not start \(swift)"), 0)
        }
        switch result.termination {
        case .exited(0):
            return (.built, result.durationMilliseconds)
        case .timedOut:
            return (.failed("the build took longer than \(timeLimit.components.seconds) s"), result.durationMilliseconds)
        default:
            let diagnostics = Self.diagnostics(in: result.output, root: root.path)
            if diagnostics.isEmpty {
                let tail = result.output.split(separator: "\n").suffix(8).joined(separator: "\n")
                return (.failed("the build failed:\n\(tail)"), result.durationMilliseconds)
            }
            return (.compileError(diagnostics), result.durationMilliseconds)
        }
    }

    /// Where `swift build` puts the executables of the package at `root`.
    public func binPath(in root: URL) -> URL? {
        let command = wrap(Command(swift, ["build", "--show-bin-path"], directory: root.path, environment: environment))
        guard let result = try? runner.run(command, timeLimit: .seconds(300), outputCap: 1 << 16),
              result.termination == .exited(0),
              let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("/") }) else { return nil }
        return URL(fileURLWithPath: String(line))
    }

    /// The first distinct `file:line:column: error: message` lines of a build log, at most
    /// `limit`, with files inside `root` made relative to it.
    public static func diagnostics(in log: String, root: String, limit: Int = 5) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for line in log.split(separator: "\n") {
            guard let marker = line.range(of: ": error: ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]), let column = Int(location[location.count - 1]) else { continue }
            var file = location.dropLast(2).joined(separator: ":")
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if file.hasPrefix(prefix) { file.removeFirst(prefix.count) }
            let diagnostic = Diagnostic(file: file, line: lineNumber, column: column, message: String(line[marker.upperBound...]))
            if !found.contains(diagnostic) { found.append(diagnostic) }
            if found.count == limit { break }
        }
        return found
    }
}
