import PeixunTestSupport
import PeixunCodec
import Testing

/// `writeLengthPrefixed` reserves one length byte and moves longer bodies right afterwards.
@Suite("length-prefixed regions")
struct LengthPrefixTests {
    static func body(_ count: Int, salt: UInt8 = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) &+ salt }
    }

    @Test("bodies of 0, 127, 128, 300 and 20000 bytes get a minimal varint length and intact content",
          arguments: [0, 1, 127, 128, 300, 16383, 16384, 20000])
    func lengths(count: Int) throws {
        let content = Self.body(count)
        for capacity in [64, 1 << 16] {
            let bytes = written(capacity: capacity) { writer in
                writer.writeByte(0xAA)
                writer.writeLengthPrefixed { inner in
                    content.withUnsafeBytes { buffer in
                        for byte in buffer { inner.writeByte(byte) }
                    }
                }
                writer.writeByte(0xBB)
            }
            let length = written { $0.writeVarint(UInt64(count)) }
            #expect(bytes.first == 0xAA)
            #expect(bytes.last == 0xBB)
            #expect(Array(bytes[1..<(1 + length.count)]) == length, "length prefix of \(count), capacity \(capacity)")
            #expect(Array(bytes[(1 + length.count)..<(bytes.count - 1)]) == content, "content of \(count), capacity \(capacity)")
        }
    }

    @Test("a body that exactly fills the buffer still gets room for its longer length")
    func fillsBuffer() {
        // 1 reserved length byte + 255 body bytes = 256 = the initial capacity; the 2-byte
        // length then needs one more byte than the buffer has.
        let content = Self.body(255)
        let bytes = written(capacity: 256) { writer in
            writer.writeLengthPrefixed { inner in
                for byte in content { inner.writeByte(byte) }
            }
        }
        #expect(bytes == hexBytes("ff 01") + content)
    }

    @Test("nested regions that both cross 128 bytes keep their content and lengths")
    func nested() throws {
        let innerContent = Self.body(200, salt: 1)
        let bytes = written(capacity: 64) { writer in
            writer.writeLengthPrefixed { outer in
                outer.writeRaw(UnsafeRawBufferPointer(start: nil, count: 0))  // 00
                outer.writeLengthPrefixed { inner in
                    for byte in innerContent { inner.writeByte(byte) }
                }
                for byte in Self.body(100) { outer.writeByte(byte) }
            }
        }
        // outer = 00 + (c8 01 + 200) + 100 = 303 bytes → af 02
        #expect(Array(bytes.prefix(2)) == hexBytes("af 02"))
        #expect(bytes.count == 2 + 303)
        let parsed = try readingAll(bytes) { r in
            let outer = try r.enterStruct()
            let empty = try r.readBytes()
            let inner = try r.readBytes()
            var tail: [UInt8] = []
            while !r.isAtEnd { tail.append(try r.readByte()) }
            r.leaveStruct(outer)
            return (empty, inner, tail)
        }.get()
        #expect(parsed.0.isEmpty)
        #expect(parsed.1 == innerContent)
        #expect(parsed.2 == Self.body(100))
    }
}
