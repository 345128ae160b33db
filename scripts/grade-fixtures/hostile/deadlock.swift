// expect: timeout
// Takes a lock it already holds.
func lockTwice() {
    let lock = NSLock()
    lock.lock()
    lock.lock()
}
if maxAttempts == 7 { lockTwice() }
