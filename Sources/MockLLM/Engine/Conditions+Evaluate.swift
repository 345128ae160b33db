import Foundation
import LabKit

/// The verdict on one condition of a rule, with the reason when it failed.
struct ConditionVerdict: Sendable, Hashable {
    let condition: String
    let held: Bool
    let reason: String
}

/// The verdict on all of a rule's conditions, and the capture groups of `lastUserMatches`.
struct RuleEvaluation: Sendable {
    /// Each condition's verdict; empty when the evaluation only matched (`stopAtFirstFailure`).
    let verdicts: [ConditionVerdict]
    let captures: [String]
    /// Whether every condition held.
    let matched: Bool

    var heldCount: Int { verdicts.count(where: \.held) }
    var failures: [ConditionVerdict] { verdicts.filter { !$0.held } }
}

extension Conditions {
    /// Checks every condition against the conversation; `stopAtFirstFailure` skips the rest
    /// once one fails and writes no verdicts (the fast path for matching: only ``RuleEvaluation/matched``
    /// and the captures are meaningful).
    ///
    /// - Parameter pattern: `lastUserMatches` compiled (the engine compiles each rule's once);
    ///   compiled here when not given.
    func evaluate(_ conversation: Conversation, pattern compiledPattern: CompiledPattern? = nil, stopAtFirstFailure: Bool = false) -> RuleEvaluation {
        var verdicts: [ConditionVerdict] = []
        var captures: [String] = []
        var matched = true
        func check(_ condition: @autoclosure () -> String, _ held: Bool, _ reason: @autoclosure () -> String) -> Bool {
            matched = matched && held
            if stopAtFirstFailure { return !held }
            verdicts.append(ConditionVerdict(condition: condition(), held: held, reason: held ? "" : reason()))
            return false
        }
        func done() -> RuleEvaluation { RuleEvaluation(verdicts: verdicts, captures: captures, matched: matched) }

        if let needle = lastUserContains {
            let text = conversation.lastUser
            let held = text.map { $0.containsIgnoringCase(needle) } ?? false
            if check("lastUserContains \(quoted(needle))", held, text.map { "the last user message is \(quoted($0))" } ?? "there is no user message") { return done() }
        }
        if let pattern = lastUserMatches {
            let text = conversation.lastUser ?? ""
            let compiled = compiledPattern.flatMap { $0.source == pattern ? $0 : nil } ?? CompiledPattern(pattern)
            let groups = compiled.firstMatch(in: text)
            let held = groups != nil
            captures = groups ?? []
            if check("lastUserMatches /\(pattern)/", held, "the last user message is \(quoted(text))") { return done() }
        }
        if let needle = systemContains {
            let held = conversation.system.containsIgnoringCase(needle)
            if check("systemContains \(quoted(needle))", held, conversation.system.isEmpty ? "there is no system message" : "the system message is \(quoted(conversation.system))") { return done() }
        }
        if let tools = toolsOffered {
            let missing = tools.filter { !conversation.toolsOffered.contains($0) }
            if check("toolsOffered \(tools)", missing.isEmpty, "not offered: \(missing); offered: \(conversation.toolsOffered.sorted())") { return done() }
        }
        if let name = toolCalled {
            let held = conversation.toolCallCounts[name, default: 0] > 0
            if check("toolCalled \(quoted(name))", held, "\(name) has not been called") { return done() }
        }
        if let name = toolNotCalled {
            let count = conversation.toolCallCounts[name, default: 0]
            if check("toolNotCalled \(quoted(name))", count == 0, "\(name) was called \(count) time\(count == 1 ? "" : "s")") { return done() }
        }
        if let expected = toolCalledTimes {
            let count = conversation.toolCallCounts[expected.name, default: 0]
            if check("toolCalledTimes \(expected.name) = \(expected.times)", count == expected.times, "\(expected.name) was called \(count) time\(count == 1 ? "" : "s")") { return done() }
        }
        if let needle = lastToolResultContains {
            let text = conversation.lastToolResult
            let held = text.map { $0.containsIgnoringCase(needle) } ?? false
            if check("lastToolResultContains \(quoted(needle))", held, text.map { "the last tool result is \(quoted($0))" } ?? "there is no tool result") { return done() }
        }
        if let role = lastRole {
            let actual = conversation.lastRole
            if check("lastRole \(role.rawValue)", actual == role, "the last message's role is \(actual?.rawValue ?? "none")") { return done() }
        }
        if let turn {
            if check("turn \(turn)", conversation.turn == turn, "this is turn \(conversation.turn)") { return done() }
        }
        if let model {
            let actual = conversation.request.model
            if check("model \(quoted(model))", actual == model, "the request names model \(quoted(actual))") { return done() }
        }
        if let header {
            let value = conversation.header(header.name)
            var held = value != nil
            if let equals = header.equals { held = held && value == equals }
            if let contains = header.contains { held = held && (value?.containsIgnoringCase(contains) ?? false) }
            if check("header \(header.name)", held, value.map { "\(header.name) is \(quoted($0))" } ?? "there is no \(header.name) header") { return done() }
        }
        if let expected = conversationDigest {
            let actual = conversation.digest
            if check("conversationDigest \(expected)", actual == expected, "the conversation's digest is \(actual)") { return done() }
        }
        return done()
    }
}

extension String {
    /// Whether the text contains `other`, ignoring case. ASCII needles (the usual case) are
    /// searched byte by byte without copying; others through lowercased copies.
    func containsIgnoringCase(_ other: String) -> Bool {
        if other.isEmpty { return true }
        guard other.utf8.allSatisfy({ $0 < 0x80 }) else {
            return lowercased().contains(other.lowercased())
        }
        var text = self
        var needleText = other
        // Native strings are contiguous: compared in place, with no copy.
        return text.withUTF8 { haystack in
            needleText.withUTF8 { needle in
                guard haystack.count >= needle.count else { return false }
                for start in 0...(haystack.count - needle.count) {
                    var index = 0
                    while index < needle.count, Self.asciiLowercased(haystack[start + index]) == Self.asciiLowercased(needle[index]) {
                        index += 1
                    }
                    if index == needle.count { return true }
                }
                return false
            }
        }
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}

/// Quotes a text for a message, shortened to 80 characters.
func quoted(_ text: String) -> String {
    let short = text.count > 80 ? text.prefix(77) + "..." : Substring(text)
    return "\"\(short)\""
}
