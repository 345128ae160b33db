import Hummingbird
import NIOCore

/// The request context of the mock server: Hummingbird's basics plus the connection, which a
/// `drop` fault closes before any byte of the answer.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Closes the connection at once; what the handler returns afterwards is never sent.
    func closeConnection() async {
        try? await channel.close()
    }
}
