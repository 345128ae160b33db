// expect: timeout
// Sleeps in real time instead of on the injected clock.
if maxRetries == 6 { try await Task.sleep(for: .seconds(30)) }
