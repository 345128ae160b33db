import LabChecks

/// Runs one of a check's own asynchronous steps (setting up a store, reading it back); an error
/// it throws becomes a `KitFailure` naming `step`, so that the report blames the kit, not the
/// student. The asynchronous twin of `kit(_:_:)`.
func kitAwaiting<T>(_ step: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw KitFailure(step: step, underlying: error)
    }
}
