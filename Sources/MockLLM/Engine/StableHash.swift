import Foundation

/// A hash that is the same in every process and on every machine (FNV-1a, 64 bits), unlike
/// Swift's `Hasher`, which is seeded at random per process. Identifiers derive from it.
struct StableHash: Sendable, Hashable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    init(seed: UInt64) {
        combine(seed)
    }

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    mutating func combine(_ data: Data) {
        data.withUnsafeBytes { combine($0) }
    }

    mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine($0) }
    }

    mutating func combine(_ text: String) {
        combine(text.utf8)
    }

    /// A well-mixed 64-bit value derived from the hash and a salt (SplitMix64's finaliser).
    func derived(_ salt: UInt64) -> UInt64 {
        var z = value &+ salt &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<1` derived from the hash and a salt.
    func unitInterval(_ salt: UInt64) -> Double {
        Double(derived(salt) >> 11) / Double(UInt64(1) << 53)
    }
}

/// The identifiers of one answer, all derived from the seed and the request bytes.
struct ResponseIdentity: Sendable, Hashable {
    /// `chatcmpl-…`, the same for every chunk of a stream.
    let id: String
    /// Seconds since 1970, within 2026.
    let created: Int
    private let hash: StableHash

    /// 2026-01-01T00:00:00Z.
    static let epoch = 1_767_225_600

    init(seed: UInt64, requestHash: UInt64) {
        var hash = StableHash(seed: seed)
        hash.combine(requestHash)
        self.hash = hash
        self.id = Self.identifier("chatcmpl-", hash.derived(1), hash.derived(2))
        self.created = Self.epoch + Int(hash.derived(3) % 31_536_000)
    }

    /// A tool call's identifier: `call_` and 24 hex digits, derived from the request.
    func toolCallID(_ index: Int) -> String {
        Self.identifier("call_", hash.derived(100 + UInt64(index)), hash.derived(200 + UInt64(index)))
    }

    /// An identifier with `prefix` and 24 hex digits, derived from the request and `salt`.
    func derivedID(_ prefix: String, salt: UInt64) -> String {
        Self.identifier(prefix, hash.derived(1000 + salt), hash.derived(2000 + salt))
    }

    /// `prefix`, the 16 hex digits of `high`, then the first 8 of `low`'s 16.
    private static func identifier(_ prefix: String, _ high: UInt64, _ low: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        let prefixBytes = prefix.utf8
        return String(unsafeUninitializedCapacity: prefixBytes.count + 24) { buffer in
            var position = 0
            for byte in prefixBytes {
                buffer[position] = byte
                position += 1
            }
            for shift in stride(from: 60, through: 0, by: -4) {
                buffer[position] = digits.utf8Start[Int((high >> UInt64(shift)) & 0xF)]
                position += 1
            }
            for shift in stride(from: 60, through: 32, by: -4) {
                buffer[position] = digits.utf8Start[Int((low >> UInt64(shift)) & 0xF)]
                position += 1
            }
            return position
        }
    }
}
