import Foundation
import Hummingbird
import HummingbirdTesting
import LabKit
import Testing
@testable import MockLLM

@Suite("determinism")
struct DeterminismTests {
    /// The identifiers' first definition: 16 hex digits of one derived value and the first 8 of
    /// another. The fast writer must give the same identifiers, so recordings and logs keep them.
    static func reference(_ prefix: String, _ high: UInt64, _ low: UInt64) -> String {
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return prefix + hex(high) + hex(low).prefix(8)
    }

    @Test("conversation keys are journalled as 16 hex digits")
    func conversationKeysInHex() {
        #expect(MockState.hex(0x0123_4567_89ab_cdef) == "0123456789abcdef")
        #expect(MockState.hex(1) == "0000000000000001")
        #expect(MockState.hex(.max) == "ffffffffffffffff")
    }

    @Test("identifiers are the ones the first definition gave, for 1,000 seeds and requests")
    func identifiersUnchanged() {
        var random = SplitMix(state: 5)
        for round in 0..<1_000 {
            let seed = round < 3 ? UInt64(round) : random.next()
            let requestHash = round % 7 == 0 ? UInt64(round) : random.next()
            var hash = StableHash(seed: seed)
            hash.combine(requestHash)
            let identity = ResponseIdentity(seed: seed, requestHash: requestHash)
            #expect(identity.id == Self.reference("chatcmpl-", hash.derived(1), hash.derived(2)))
            #expect(identity.toolCallID(round % 4) == Self.reference("call_", hash.derived(100 + UInt64(round % 4)), hash.derived(200 + UInt64(round % 4))))
            #expect(identity.derivedID("resp_", salt: 3) == Self.reference("resp_", hash.derived(1003), hash.derived(2003)))
        }
    }

    func answer(seed: UInt64, _ request: ChatCompletionRequest) async throws -> String {
        let harness = try MockHarness(seed: seed)
        return try await harness.test { client async throws in try await client.chat(request).text }
    }

    @Test("the same seed and request give byte-identical answers, ids and created included, across servers")
    func sameSeedSameBytes() async throws {
        for request in [Requests.lab04(), Requests.lab04(stream: true, includeUsage: true)] {
            let first = try await answer(seed: 7, request)
            let second = try await answer(seed: 7, request)
            #expect(first == second)
        }
    }

    @Test("another seed or another request changes the ids")
    func otherSeedOtherIds() async throws {
        let base = try ChatWire.decode(ChatCompletionResponse.self, from: Data(try await answer(seed: 7, Requests.lab04()).utf8))
        let reseeded = try ChatWire.decode(ChatCompletionResponse.self, from: Data(try await answer(seed: 8, Requests.lab04()).utf8))
        var other = Requests.lab04()
        other.temperature = 0
        let changed = try ChatWire.decode(ChatCompletionResponse.self, from: Data(try await answer(seed: 7, other).utf8))
        #expect(base.id != reseeded.id)
        #expect(base.created != reseeded.created)
        #expect(base.id != changed.id)
        #expect(base.message?.toolCalls?.first?.id != reseeded.message?.toolCalls?.first?.id)
    }

    @Test("identifiers are pinned: FNV-1a is the same in every process")
    func identifiersArePinned() {
        var hash = StableHash()
        hash.combine("a".utf8)
        #expect(hash.value == 0xaf63_dc4c_8601_ec8c)
        let identity = ResponseIdentity(seed: 0, requestHash: 0)
        #expect(identity.id == ResponseIdentity(seed: 0, requestHash: 0).id)
        #expect(identity.id.count == "chatcmpl-".count + 24)
        #expect(identity.created >= ResponseIdentity.epoch && identity.created < ResponseIdentity.epoch + 31_536_000)
    }
}
