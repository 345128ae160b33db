// expect: timeout
// A loop that never ends and never suspends.
var spins = 0
while maxRetries == 6 { spins &+= 1 }
