import Foundation
import Lab04Checks
import LabKit
import Synchronization

/// The demo's check_disk and clean_logs, over a ledger file that outlives the process.
///
/// Cleaning is the side effect: it appends `<tool_call_id> clean_logs` to `effects.log`, and
/// the disk is clean once the ledger says so. A call whose id the ledger already holds is not
/// done again (the id is the idempotency key): it is noted in `replays.log`. A call whose
/// result the saved conversation already holds should never run at all: if one does, it is
/// noted in `violations.log`, which the crash test counts.
struct DiskTools: Sendable {
    let directory: URL
    let taskID: String
    let checkpoints: JSONFileCheckpointStore
    let latency: Duration
    let clock: any Clock<Duration>
    let cleaningFailures: Int
    private let failures = FailureCounter()

    init(directory: URL, taskID: String, checkpoints: JSONFileCheckpointStore, latency: Duration,
         clock: any Clock<Duration>, cleaningFailures: Int) {
        self.directory = directory
        self.taskID = taskID
        self.checkpoints = checkpoints
        self.latency = latency
        self.clock = clock
        self.cleaningFailures = cleaningFailures
    }

    static let effectsName = "effects.log"
    static let replaysName = "replays.log"
    static let violationsName = "violations.log"

    var registry: ToolRegistry {
        ToolRegistry([
            Tool(ToolDefinition(
                name: "check_disk",
                description: "Reports how full the disk is and which folder takes the most space.",
                parameters: ["type": "object", "properties": [:]]
            )) { _ in
                try await clock.sleep(for: latency)
                let output = try cleaned() ? "Disk Usage: 40% (OK)" : "Disk Usage: 95% (CRITICAL). Large folder: /var/log"
                print("  ← check_disk() = \(output)")
                return output
            },
            Tool(ToolDefinition(
                name: "clean_logs",
                description: "Deletes old logs under /var/log to free space. Safe to call again.",
                parameters: ["type": "object", "properties": [:]]
            )) { call in
                try await clock.sleep(for: latency)
                if failures.next() <= cleaningFailures {
                    print("  ← clean_logs() failed: permission denied on /var/log/syslog.1")
                    throw ToolError.failed(tool: "clean_logs", reason: "permission denied on /var/log/syslog.1")
                }
                return try await clean(callID: call.id)
            },
        ])
    }

    /// Frees the space, once per call id; a call that runs again finds its effect in the ledger.
    private func clean(callID: String) async throws -> String {
        let output = "Logs cleaned. Freed 20GB."
        if try await resultAlreadySaved(for: callID) {
            try append("\(callID) clean_logs\n", to: Self.violationsName)
        }
        if try ledger().contains("\(callID) clean_logs") {
            try append("\(callID) clean_logs\n", to: Self.replaysName)
            print("  ← clean_logs() = \(output)  (already done for \(callID) before the crash: not done twice)")
            return output
        }
        try append("\(callID) clean_logs\n", to: Self.effectsName)
        print("  ← clean_logs() = \(output)")
        return output
    }

    private func resultAlreadySaved(for callID: String) async throws -> Bool {
        (try await checkpoints.conversation(taskID: taskID) ?? []).contains { $0.toolCallID == callID }
    }

    private func cleaned() throws -> Bool {
        try ledger().contains { $0.hasSuffix(" clean_logs") }
    }

    private func ledger() throws -> [String] {
        let url = directory.appendingPathComponent(Self.effectsName)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Appends one line in one write, so that a kill leaves the line whole or absent.
    private func append(_ line: String, to name: String) throws {
        let url = directory.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.synchronize()
    }
}

/// Counts clean_logs runs in this process, for the story where it fails once.
final class FailureCounter: Sendable {
    private let count = Atomic<Int>(0)

    func next() -> Int {
        count.add(1, ordering: .relaxed).newValue
    }
}
