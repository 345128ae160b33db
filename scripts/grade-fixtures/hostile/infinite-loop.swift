// expect: timeout
// A loop that never ends and never suspends.
var spins = 0
while maxAttempts == 7 { spins &+= 1 }
