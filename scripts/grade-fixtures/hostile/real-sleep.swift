// expect: timeout
// Sleeps in real time instead of on the injected clock.
if maxAttempts == 7 { try await Task.sleep(for: .seconds(30)) }
