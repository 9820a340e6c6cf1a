import PeixunCodec
import PeixunMessages
import Testing

/// Every message type survives encode → decode, in both the owned and the view form.
@Suite("round trips")
struct RoundTripTests {
    @Test("representative values decode back equal, owned and through the view", arguments: Catalog.all)
    func representatives(entry: MessageCase) throws {
        for value in entry.representatives {
            let bytes = value.bytes()
            let owned = try entry.decodeOwned(bytes).get()
            #expect(sameMessage(owned, value), "owned \(entry.name): \(owned) ≠ \(value)")
            let viewed = try entry.decodeView(bytes).get()
            #expect(sameMessage(viewed, value), "view \(entry.name): \(viewed) ≠ \(value)")
            #expect(owned.bytes() == bytes, "re-encoding \(entry.name) changes the bytes")
        }
    }

    @Test("MessageRegistry.decode finds the type from the header", arguments: Catalog.production)
    func registry(entry: MessageCase) throws {
        for value in entry.representatives {
            let decoded = try registryDecode(value.bytes()).get()
            #expect(type(of: decoded).typeID == entry.typeID)
            #expect(sameMessage(decoded, value))
        }
    }

    @Test("the header of every encoding is the type id, little-endian, then the body length", arguments: Catalog.all)
    func header(entry: MessageCase) throws {
        let bytes = try #require(entry.representatives.first).bytes()
        #expect(bytes[0] == UInt8(entry.typeID & 0xFF))
        #expect(bytes[1] == UInt8(entry.typeID >> 8))
        let bodyLength = bytes.count - 2 - (bytes[2] < 0x80 ? 1 : 2)
        #expect(bytes[2] < 0x80 ? Int(bytes[2]) == bodyLength : Int(bytes[2] & 0x7F) | Int(bytes[3]) << 7 == bodyLength)
    }
}
