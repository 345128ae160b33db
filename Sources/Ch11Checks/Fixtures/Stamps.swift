import Foundation
import LabChecks
import LabKit

/// A `now` for the code under test that remembers every date it handed out, so that a check can
/// tell a save stamped with `now()` from one stamped with `Date()` or with an old date.
struct Stamps: Sendable {
    private let handedOut = Recorder<Date>()
    /// The source to pass to the exercise.
    let now: Now

    init(_ context: CheckContext) {
        let handedOut = handedOut
        let base = context.now
        now = {
            let date = base()
            handedOut.append(date)
            return date
        }
    }

    /// Every date `now` returned, in order.
    var dates: [Date] { handedOut.all }
}

/// Renders a date for a message, with milliseconds: `2026-01-01T00:00:01.250Z`.
func showDate(_ date: Date?) -> String {
    guard let date else { return "nothing" }
    return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}
