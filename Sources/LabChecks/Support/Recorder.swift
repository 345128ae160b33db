import Synchronization

/// A thread-safe list that a check's closures append to, and the check reads back.
///
/// ```swift
/// let calls = Recorder<Int>()
/// _ = try await exercises.executeWithRetry(3, clock) { calls.append(1); return "ok" }
/// calls.count  // 1
/// ```
public final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    public init() {}

    /// Appends an element and returns how many there are now.
    @discardableResult
    public func append(_ element: Element) -> Int {
        items.withLock { $0.append(element); return $0.count }
    }

    public var all: [Element] { items.withLock { $0 } }

    public var count: Int { items.withLock { $0.count } }
}
