/// Thrown when a check's own work fails (making a temporary folder, reading back a file it
/// wrote), so that the report blames the kit, not the student.
///
/// ```swift
/// let directory = try kit("make a temporary folder") { try TemporaryDirectory() }
/// ```
public struct KitFailure: Error, CustomStringConvertible {
    /// What the check was doing, as in "read back tasks.json".
    public let step: String
    /// What went wrong.
    public let underlying: any Error

    public init(step: String, underlying: any Error) {
        self.step = step
        self.underlying = underlying
    }

    public var description: String {
        "the check itself could not \(step): \(underlying). This is not a fault in your code; "
            + "run the check again, and report it if it persists"
    }
}

/// Runs one of a check's own steps; an error it throws becomes a ``KitFailure`` naming `step`.
/// - Parameters:
///   - step: What the check is doing, as a verb phrase: "make a temporary folder".
///   - body: The step.
/// - Throws: ``KitFailure``.
public func kit<T>(_ step: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw KitFailure(step: step, underlying: error)
    }
}
