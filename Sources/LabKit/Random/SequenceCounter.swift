import Synchronization

/// A counter several tasks may take numbers from: 1, 2, 3, …
public final class SequenceCounter: Sendable {
    private let value = Mutex(0)

    public init() {}

    /// The next number, starting at 1.
    public func next() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
