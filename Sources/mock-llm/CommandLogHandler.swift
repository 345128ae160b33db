import Foundation
import Logging

/// The command's log handler: one line per message on standard error. Unlike swift-log's stream
/// handler it formats metadata only when a line is written, not each time metadata is set (the
/// server sets a request id on every request).
struct CommandLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        FileHandle.standardError.write(Data("\(event.level) \(label): \(event.message)\(details)\n".utf8))
    }
}
