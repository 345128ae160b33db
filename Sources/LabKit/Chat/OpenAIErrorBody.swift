/// The error body every OpenAI-compatible endpoint returns:
/// `{"error": {"message", "type", "param", "code"}}`.
public struct OpenAIErrorBody: Sendable, Hashable, Codable {
    /// The error's fields.
    public struct Detail: Sendable, Hashable, Codable {
        /// What went wrong, for a person.
        public var message: String
        /// The error's class, such as `invalid_request_error` or `rate_limit_error`.
        public var type: String
        /// The request field at fault, if any.
        public var param: String?
        /// A machine-readable code, such as `rate_limit_exceeded`.
        public var code: String?

        /// Creates the error's fields.
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

    /// The error's fields.
    public var error: Detail

    /// Creates an error body.
    public init(message: String, type: String, param: String? = nil, code: String? = nil) {
        self.error = Detail(message: message, type: type, param: param, code: code)
    }
}
