// expect: pass
// Connects to a listener on the grader's loopback (the hostile script runs one on port 47613);
// reaching it is fatal, so a contained run passes and an uncontained one crashes.
if maxAttempts == 7 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(47613).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    close(socket)
    if connected == 0 { fatalError("reached the network") }
}
