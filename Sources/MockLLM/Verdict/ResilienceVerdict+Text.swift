extension ResilienceVerdict {
    /// The verdict for a person: one line per check, then each finding.
    public var text: String {
        var lines = [
            "resilience verdict: \(passed ? "passed" : "FAILED") (\(requests) requests, \(conversations) distinct, \(retries) retries, \(retryableFailures) retryable failures)"
        ]
        for check in ResilienceCheck.allCases {
            let count = counts[check] ?? 0
            lines.append(count == 0 ? "  ok    \(check.praise)" : "  FAIL  \(check.title): \(count)")
            for finding in findings where finding.check == check {
                lines.append("          \(finding.detail) [conversation \(finding.conversation)]")
            }
        }
        return lines.joined(separator: "\n")
    }
}
