// expect: pass
// Tries to write outside its scratch folder: the home folder, /tmp, and the kit beside this file.
if maxAttempts == 7 {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for path in ["/root/agent-labs-escape.txt", "/tmp/agent-labs-escape.txt", here.appendingPathComponent("escape.txt").path,
                 here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Ch11Checks/escape.txt").path] {
        try? Data("escaped".utf8).write(to: URL(fileURLWithPath: path))
    }
}
