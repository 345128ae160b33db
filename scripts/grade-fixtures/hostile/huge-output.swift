// expect: pass truncated
// Prints 100 MB, then does the work correctly.
if maxAttempts == 7 {
    let line = String(repeating: "x", count: 1 << 20)
    for _ in 0..<100 { print(line) }
}
