import Foundation
import LabKit

extension ResilienceVerdict {
    /// The paths whose requests are judged: the model endpoints.
    static let judgedPaths: Set<String> = ["/v1/chat/completions", "/v1/responses"]

    /// A retry sooner than this after a failure that named no delay is no backoff at all.
    static let immediateRetryMs = 100

    /// Judges the journal, oldest entry first.
    public init(journal: [JournalEntry]) {
        let entries = journal.filter { Self.judgedPaths.contains($0.path) && $0.conversation != nil }
        var groups: [String: [JournalEntry]] = [:]
        var order: [String] = []
        for entry in entries {
            guard let key = entry.conversation else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        var findings: [VerdictFinding] = []
        for key in order {
            findings += Self.judgeRetries(of: groups[key] ?? [], conversation: key)
        }
        findings += Self.judgeCutStreams(entries)
        findings.sort { ($0.sequences.last ?? 0, $0.check.rawValue) < ($1.sequences.last ?? 0, $1.check.rawValue) }
        self.init(
            requests: entries.count,
            conversations: order.count,
            retries: entries.count - order.count,
            retryableFailures: entries.count(where: Self.failedRetryably),
            findings: findings
        )
    }

    /// A failure that a retry may cure.
    static func failedRetryably(_ entry: JournalEntry) -> Bool {
        if let status = entry.status, status != 200 { return [408, 409, 429].contains(status) || status >= 500 }
        return ["drop", "hang", "truncate"].contains(entry.outcome)
    }

    /// A failure that no retry cures.
    static func failedForGood(_ entry: JournalEntry) -> Bool {
        guard let status = entry.status else { return false }
        return (400..<500).contains(status) && ![408, 409, 429].contains(status)
    }

    private static func judgeRetries(of attempts: [JournalEntry], conversation: String) -> [VerdictFinding] {
        var findings: [VerdictFinding] = []
        var unnamedGaps: [(gap: Int, sequences: [Int])] = []
        var immediate = false
        for (earlier, retry) in zip(attempts, attempts.dropFirst()) {
            let gap = (retry.receivedMs ?? 0) - (earlier.receivedMs ?? 0) - (earlier.delayMs ?? 0)
            let sequences = [earlier.sequence, retry.sequence]
            func find(_ check: ResilienceCheck, _ detail: String) {
                findings.append(VerdictFinding(check: check, conversation: conversation, sequences: sequences, detail: detail))
            }
            if failedForGood(earlier) {
                find(.retriedNonRetryable, "request \(earlier.sequence) got \(earlier.status ?? 0) and was sent again (request \(retry.sequence))")
            } else if let asked = earlier.retryAfterMs {
                if gap < asked {
                    find(.retriedBeforeRetryAfter, "request \(earlier.sequence) got \(earlier.status ?? 0) asking for \(asked) ms; the retry came after \(gap) ms")
                }
            } else if failedRetryably(earlier) {
                if gap < immediateRetryMs {
                    immediate = true
                    find(.retriedWithoutBackoff, "request \(earlier.sequence) failed (\(describe(earlier))); the retry came after \(gap) ms")
                }
                unnamedGaps.append((gap, sequences))
            }
        }
        if !immediate, unnamedGaps.count >= 2, let first = unnamedGaps.first, let last = unnamedGaps.last,
            Double(last.gap) < 1.5 * Double(first.gap)
        {
            let gaps = unnamedGaps.map { "\($0.gap) ms" }.joined(separator: ", ")
            findings.append(VerdictFinding(
                check: .retriedWithoutBackoff, conversation: conversation,
                sequences: unnamedGaps.flatMap(\.sequences).uniqued(),
                detail: "the waits between retries did not grow: \(gaps)"
            ))
        }
        if let last = attempts.last, failedRetryably(last), last.nextAttemptAnswers == true {
            findings.append(VerdictFinding(
                check: .gaveUpTooEarly, conversation: conversation, sequences: attempts.map(\.sequence),
                detail: "the last of \(attempts.count) attempt\(attempts.count == 1 ? "" : "s") failed (\(describe(last))); the next would have been answered"
            ))
        }
        return findings
    }

    private static func judgeCutStreams(_ entries: [JournalEntry]) -> [VerdictFinding] {
        var findings: [VerdictFinding] = []
        for (index, cut) in entries.enumerated() {
            guard let partial = cut.cutContent, !partial.isEmpty else { continue }
            for later in entries[(index + 1)...] {
                let body = Data(later.body.utf8)
                let read = later.path == "/v1/responses"
                    ? try? ResponsesInput.chatRequest(from: body) : try? ChatWire.decode(ChatCompletionRequest.self, from: body)
                guard let request = read,
                    request.messages.contains(where: { $0.role == .assistant && $0.content == partial })
                else { continue }
                findings.append(VerdictFinding(
                    check: .acceptedTruncatedStream, conversation: cut.conversation ?? "",
                    sequences: [cut.sequence, later.sequence],
                    detail: "request \(cut.sequence)'s stream was cut after \(quoted(partial)); request \(later.sequence) sends that back as the assistant's answer"
                ))
                break
            }
        }
        return findings
    }

    private static func describe(_ entry: JournalEntry) -> String {
        if let status = entry.status, status != 200 { return "status \(status)" }
        return entry.outcome
    }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
