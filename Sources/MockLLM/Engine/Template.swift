import Foundation
import LabKit

/// Fills `{{…}}` placeholders in scripted text and arguments from the conversation.
///
/// Known names: `lastUser`, `lastToolResult`, `model`, `turn`, `match.N`. An unknown name stays
/// as written, so a typo shows in the answer rather than vanishing.
struct Template {
    let conversation: Conversation
    let captures: [String]

    func render(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            output += value(of: name) ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        output += rest
        return output
    }

    func render(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(render(text))
        case .array(let items): .array(items.map(render))
        case .object(let members): .object(members.mapValues(render))
        default: value
        }
    }

    private func value(of name: String) -> String? {
        switch name {
        case "lastUser": return conversation.lastUser ?? ""
        case "lastToolResult": return conversation.lastToolResult ?? ""
        case "model": return conversation.request.model
        case "turn": return String(conversation.turn)
        default:
            guard name.hasPrefix("match."), let index = Int(name.dropFirst("match.".count)) else { return nil }
            return index < captures.count ? captures[index] : ""
        }
    }
}
