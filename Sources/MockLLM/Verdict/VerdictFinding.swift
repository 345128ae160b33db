/// One failed check on one request, with the journal entries that show it.
public struct VerdictFinding: Sendable, Hashable, Codable {
    /// The check that failed.
    public var check: ResilienceCheck
    /// The conversation key of the request.
    public var conversation: String
    /// The journal sequence numbers involved, oldest first.
    public var sequences: [Int]
    /// What happened, in a sentence.
    public var detail: String

    /// Creates a finding.
    public init(check: ResilienceCheck, conversation: String, sequences: [Int], detail: String) {
        self.check = check
        self.conversation = conversation
        self.sequences = sequences
        self.detail = detail
    }
}
