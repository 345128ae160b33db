import Foundation
import Synchronization

/// A source of wall-clock timestamps, injected wherever a task is stamped.
///
/// Production code passes `{ Date() }` once at start-up; checks and tests pass a fixed or
/// stepping source so that stored timestamps are predictable.
public typealias Now = @Sendable () -> Date

/// A timestamp source that starts at `start` and moves one second on every call.
///
/// Useful in tests: each saved update gets a later `updatedAt` than the one before.
public func steppingNow(from start: Date = Date(timeIntervalSince1970: 1_767_225_600)) -> Now {
    let counter = Atomic<Int>(0)
    return {
        let step = counter.add(1, ordering: .relaxed).oldValue
        return start.addingTimeInterval(TimeInterval(step))
    }
}
