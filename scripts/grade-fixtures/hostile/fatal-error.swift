// expect: crash
if maxAttempts == 7 { fatalError("the student gave up") }
