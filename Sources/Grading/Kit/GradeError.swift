/// What goes wrong for the grader itself (never a student's verdict: those are statuses).
public enum GradeError: Error, CustomStringConvertible, Equatable {
    /// The folder is not an agent-labs kit: no Package.swift or no labs/.
    case notAKit(String)
    /// A chapter named on the command line is not in the kit.
    case unknownChapter(String, known: [String])
    /// A process could not be started.
    case spawnFailed(String, errno: Int32)
    /// The manifest is missing, unreadable or out of date.
    case manifest(String)
    /// A submission could not be unpacked or has no labs.
    case submission(String)
    /// A check id that no chapter has.
    case unknownCheck(String)
    /// A file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .notAKit(let path): "\(path) is not an agent-labs kit (it needs Package.swift and labs/)"
        case .unknownChapter(let name, let known): "no chapter '\(name)'; the chapters are \(known.joined(separator: ", "))"
        case .spawnFailed(let command, let errno): "could not start \(command) (errno \(errno))"
        case .manifest(let why): "starter manifest: \(why)"
        case .submission(let why): why
        case .unknownCheck(let id): "no check has the id '\(id)'; `grade list` shows them all"
        case .io(let why): why
        }
    }
}
