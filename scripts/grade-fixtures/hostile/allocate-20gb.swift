// expect: crash
// Asks for 20 GB and touches every page.
if maxAttempts == 7 {
    var huge = [UInt8](repeating: 1, count: 20 << 30)
    huge[huge.count - 1] = 2
    print(huge[0])
}
