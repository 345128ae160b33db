// expect: crash
if maxRetries == 6 { fatalError("the student gave up") }
