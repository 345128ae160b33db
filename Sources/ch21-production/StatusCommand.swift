import ArgumentParser
import Foundation
import Ch21Demo
import LabKit

/// `ch21-production status`: what the queue holds, its dead letters, and the effect ledger.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the demo's queue: tasks by state, the dead letters, and the effect ledger.",
        discussion: "Reads the queue while workers run, without stopping them. Exits 1 when the ledger shows an effect applied twice."
    )

    @OptionGroup var state: StateOptions

    @Option(help: "How many dead letters to list.")
    var deadLetters = 10

    @Option(help: ArgumentHelp("Requeue this dead (or cancelled) task before showing the status: it becomes available, its attempts at zero. Repeat for more.", valueName: "task-id"))
    var requeue: [String] = []

    @Flag(help: "Print the status as JSON: counts by state, run, effects, doubled task ids, missing effects, dead letters.")
    var json = false

    struct Report: Codable {
        var run: Int?
        var counts: [String: Int]
        var effects: Int
        var doubled: [String]
        var missing: Int
        var deadLetters: [DeadLetter]
    }

    struct DeadLetter: Codable {
        var id: String
        var attempts: Int
        var lastError: String
    }

    func run() async throws {
        guard FileManager.default.fileExists(atPath: state.queuePath) else {
            throw ValidationError("no queue at \(state.queuePath): run `swift run ch21-production` first, or pass --state-dir")
        }
        let queue = try state.openQueue()
        for id in requeue {
            do {
                try await queue.requeue(id: id)
                if !json { print("Requeued \(id).") }
            } catch let error as QueueError {
                throw ValidationError("cannot requeue \(id): \(error)")
            }
        }
        let counts = try await queue.counts()
        let ledger = try await EffectLedger.read(queue)
        let dead = try await queue.deadLetters(limit: deadLetters)
        let report = Report(
            run: RunRecord.read(from: state.runRecordURL)?.run,
            counts: Dictionary(uniqueKeysWithValues: QueueTask.State.allCases.map { ($0.rawValue, counts[$0]) }),
            effects: ledger.effects, doubled: ledger.doubled, missing: ledger.missing,
            deadLetters: dead.map { DeadLetter(id: $0.id, attempts: $0.attempts, lastError: $0.lastError ?? "") })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("Queue \(state.queuePath)" + (report.run.map { ", run \($0)" } ?? ""))
            for stateName in QueueTask.State.allCases {
                print("  \(stateName.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(counts[stateName])")
            }
            print("Effect ledger: \(ledger.effects) effects; applied twice: \(ledger.doubled.count); completed without one: \(ledger.missing)")
            if dead.isEmpty {
                print("No dead letters.")
            } else {
                print("Dead letters (\(dead.count) of \(counts[.dead]); `status --requeue ID` gives one another chance):")
                for letter in report.deadLetters {
                    print("  \(letter.id)  \(letter.attempts) attempts  \(letter.lastError)")
                }
            }
        }
        if !ledger.doubled.isEmpty { throw ExitCode.failure }
    }
}
