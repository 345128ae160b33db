/// How many tasks a queue holds in each state.
public struct QueueCounts: Sendable, Equatable, Codable, CustomStringConvertible {
    public private(set) var byState: [QueueTask.State: Int]

    public init(_ byState: [QueueTask.State: Int] = [:]) {
        self.byState = byState.filter { $0.value != 0 }
    }

    /// The number of tasks in `state` (0 when none).
    public subscript(state: QueueTask.State) -> Int {
        get { byState[state] ?? 0 }
        set { byState[state] = newValue == 0 ? nil : newValue }
    }

    /// Every task, whatever its state.
    public var total: Int { byState.values.reduce(0, +) }

    /// Tasks that are over: completed, dead or cancelled.
    public var finished: Int { QueueTask.State.allCases.filter(\.isFinished).reduce(0) { $0 + self[$1] } }

    /// `available 3, running 1, completed 10`: the states that hold tasks, in life order.
    public var description: String {
        let parts = QueueTask.State.allCases.filter { self[$0] > 0 }.map { "\($0.rawValue) \(self[$0])" }
        return parts.isEmpty ? "empty" : parts.joined(separator: ", ")
    }
}
