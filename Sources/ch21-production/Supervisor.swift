import Foundation
import LabKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts the worker processes and starts again any that dies from a signal, as a service
/// manager would.
final class Supervisor {
    /// How a worker process ended.
    enum Ending: Equatable {
        case finished
        case killed(signal: Int32)
        case failed(status: Int32)
    }

    struct Child {
        let name: String
        var process: Process
        /// Whether its ending was reported already (it ended and was not started again).
        var settled = false
    }

    private(set) var children: [Child] = []
    private(set) var restarts = 0
    /// Workers that stopped with an error; past the limit they are not started again.
    private(set) var failures = 0
    static let failureLimit = 10
    private let arguments: (String) -> [String]
    private let executable: URL

    /// - Parameter arguments: The command line of the worker with this name.
    init(workers: Int, arguments: @escaping (String) -> [String]) throws {
        executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        self.arguments = arguments
        for index in 1...workers {
            children.append(Child(name: "w\(index)", process: try spawn("w\(index)")))
        }
    }

    private func spawn(_ name: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments(name)
        try process.run()
        return process
    }

    /// Looks at every worker; starts again those killed by a signal or failed with an error
    /// (but not those that stopped because an exercise is not written).
    /// - Returns: The endings seen this time, by worker name (restarted ones included).
    func poll() throws -> [(String, Ending)] {
        var endings: [(String, Ending)] = []
        for index in children.indices where !children[index].settled && !children[index].process.isRunning {
            let process = children[index].process
            let ending: Ending = switch process.terminationReason {
            case .uncaughtSignal: .killed(signal: process.terminationStatus)
            default: process.terminationStatus == 0 ? .finished : .failed(status: process.terminationStatus)
            }
            let restart = switch ending {
            case .killed: true
            case .failed(let status): status != DemoSettings.notImplementedExitCode && failures < Self.failureLimit
            case .finished: false
            }
            if case .failed = ending { failures += 1 }
            if restart {
                children[index].process = try spawn(children[index].name)
                restarts += 1
            } else {
                children[index].settled = true
            }
            endings.append((children[index].name, ending))
        }
        return endings
    }

    /// Whether every worker has ended for good: `poll()` saw it end and did not start it again.
    /// A worker that ended since the last `poll()` (killed while the supervisor awaited the
    /// queue) is not counted: the next `poll()` starts it again.
    var allEnded: Bool { children.allSatisfy(\.settled) }

    /// Asks every worker still running to stop.
    func terminateAll() {
        for child in children where child.process.isRunning { child.process.terminate() }
    }

    /// The process ids of the workers running now.
    var pids: [Int32] { children.filter(\.process.isRunning).map(\.process.processIdentifier) }
}
