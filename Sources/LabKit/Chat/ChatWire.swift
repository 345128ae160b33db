import Foundation

/// The one JSON configuration of the chat wire format, shared by ``OpenAIClient`` and the mock
/// server so that both sides read and write the same bytes.
public enum ChatWire {
    private static let sharedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static let sharedDecoder = JSONDecoder()

    /// Set in a decoder's `userInfo` to leave ``ToolDefinition/Function/parameters`` undecoded.
    static let skipsToolParameters = CodingUserInfoKey(rawValue: "agentLabs.skipsToolParameters")!

    private static let routingDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.userInfo[skipsToolParameters] = true
        return decoder
    }()

    /// Encodes a wire value with sorted keys and unescaped slashes: the same value always gives
    /// the same bytes.
    ///
    /// - Throws: `EncodingError` for a value JSON cannot hold, such as a non-finite number.
    public static func encode(_ value: some Encodable) throws -> Data {
        try sharedEncoder.encode(value)
    }

    /// Decodes a wire value; unknown fields are ignored, as OpenAI clients do.
    ///
    /// - Throws: `DecodingError` when the bytes are not JSON or do not fit the type.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try sharedDecoder.decode(type, from: data)
    }

    /// Decodes a wire value but leaves every tool's parameter schema out (`nil`): for a server
    /// that routes on tool names only, where decoding schemas would be most of the work.
    ///
    /// - Throws: `DecodingError` when the bytes are not JSON or do not fit the type.
    public static func decodeSkippingToolSchemas<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try routingDecoder.decode(type, from: data)
    }

    /// Encodes a JSON value to a compact string with sorted keys, as tool-call arguments travel.
    public static func string(from value: JSONValue) -> String {
        guard let data = try? encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
