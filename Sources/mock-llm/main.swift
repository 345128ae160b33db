import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix

LoggingSystem.bootstrap { label in CommandLogHandler(label: label) }

do {
    var command = try MockLLMCommand.parseAsRoot()
    let threads = (command as? ServeCommand)?.server.threads ?? (command as? RecordCommand)?.server.threads
    // The server shares its machine with the clients it serves (tests, demos, a load generator):
    // by default it leaves them a core.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    NIOSingletons.groupLoopCountSuggestion = threads ?? max(1, cores - 1)
    // Run Swift concurrency on NIO's event loops, so that a request does not hop between NIO's
    // threads and the global executor's (about 40% more requests a second). It must happen
    // before the first task starts, hence here and not in the command.
    _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    switch command {
    case let serve as ServeCommand: try await serve.run()
    case let record as RecordCommand: try await record.run()
    default: try command.run()
    }
} catch {
    MockLLMCommand.exit(withError: error)
}
