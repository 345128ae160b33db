extension Array where Element == any CodingKey {
    /// The path as JSON readers write it, `messages[0].content`: keys joined by dots, array
    /// indices in brackets; empty for the top level of the document.
    ///
    /// ```swift
    /// catch DecodingError.typeMismatch(_, let context) {
    ///     print("wrong type at \(context.codingPath.jsonPath)")
    /// }
    /// ```
    public var jsonPath: String {
        var text = ""
        for key in self {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }
}
