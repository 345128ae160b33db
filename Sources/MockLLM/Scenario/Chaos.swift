/// A fault that strikes at random, with a fixed probability, decided by the server's seed and the
/// request: the same seed and request always get the same outcome.
public struct Chaos: Sendable, Hashable, Codable {
    /// How often the fault strikes, from 0 to 1.
    public var probability: Double
    /// The fault.
    public var fault: Fault

    /// Creates a random fault.
    public init(probability: Double, fault: Fault) {
        self.probability = probability
        self.fault = fault
    }
}
