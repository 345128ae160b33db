// expect: crash
// Recursion without a base case.
func deeper(_ depth: Int) -> Int { depth == Int.min ? 0 : deeper(depth &- 1) &+ 1 }
if maxAttempts == 7 { _ = deeper(0) }
