/// The error body every OpenAI-compatible endpoint returns:
/// `{"error": {"message", "type", "param", "code"}}`.
public struct OpenAIErrorBody: Sendable, Hashable, Codable {
    /// The error's fields.
    public struct Detail: Sendable, Hashable, Codable {
        public var message: String
        public var type: String
        public var param: String?
        public var code: String?

        public init(message: String, type: String, param: String? = nil, code: String? = nil) {
            self.message = message
            self.type = type
            self.param = param
            self.code = code
        }

        enum CodingKeys: String, CodingKey {
            case message, type, param, code
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
            type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
            param = try? container.decodeIfPresent(String.self, forKey: .param)
            // Some servers send a numeric code.
            if let text = try? container.decodeIfPresent(String.self, forKey: .code) {
                code = text
            } else if let number = try? container.decodeIfPresent(Int.self, forKey: .code) {
                code = String(number)
            } else {
                code = nil
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(message, forKey: .message)
            try container.encode(type, forKey: .type)
            try container.encode(param, forKey: .param)
            try container.encode(code, forKey: .code)
        }
    }

    public var error: Detail

    public init(message: String, type: String, param: String? = nil, code: String? = nil) {
        self.error = Detail(message: message, type: type, param: param, code: code)
    }
}
