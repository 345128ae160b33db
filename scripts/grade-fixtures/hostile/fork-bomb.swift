// expect: pass
// A bounded fork bomb: 2^10 shells, each asleep for five minutes, then the work, correctly.
// The grader must take every one of them down when the check ends.
if maxAttempts == 7 {
    let bomb = Process()
    bomb.executableURL = URL(fileURLWithPath: "/bin/sh")
    bomb.arguments = ["-c", "b() { if [ $1 -gt 0 ]; then b $(($1-1)) & b $(($1-1)) & fi; exec sleep 301; }; b 9"]
    try bomb.run()
}
