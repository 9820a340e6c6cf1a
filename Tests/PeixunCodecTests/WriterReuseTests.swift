import PeixunCodec
import Testing

/// A `WireWriter` is reused across messages: `reset` forgets the content, keeps the memory.
@Suite("writer reuse")
struct WriterReuseTests {
    static let note = Note(author: "张伟", text: "2024年村（社区）党组织书记培训班", tags: ["中山市小榄镇", "党校"], score: 5)

    @Test("after reset, encoding the same message gives identical bytes, 1000 times, in the same buffer")
    func reuse() throws {
        let expected = try Self.note.encoded()
        var writer = WireWriter(capacity: 64)
        try writer.write(Self.note)
        #expect(writer.bytes == expected)
        let address = writer.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
        for round in 0..<1000 {
            writer.reset()
            #expect(writer.count == 0)
            try writer.write(Self.note)
            #expect(writer.bytes == expected, "round \(round)")
            // The buffer was big enough after the first message: it is never reallocated.
            #expect(writer.withUnsafeBytes { UInt(bitPattern: $0.baseAddress) } == address, "round \(round)")
        }
    }

    @Test("messages written back to back decode one after the other")
    func appends() throws {
        var writer = WireWriter()
        let second = Note(author: "李娜", text: "")
        try writer.write(Self.note)
        let firstCount = writer.count
        try writer.write(second)
        let bytes = writer.bytes
        #expect(try Note(decoding: Array(bytes[..<firstCount])) == Self.note)
        #expect(try Note(decoding: Array(bytes[firstCount...])) == second)
    }

    @Test("a writer grows when a message needs more than its capacity")
    func grows() throws {
        let big = Blob(data: (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }, label: "大")
        var writer = WireWriter(capacity: 64)
        try writer.write(big)
        #expect(writer.count == 2 + 3 + 3 + 100_000 + 1 + 4)
        #expect(try Blob(decoding: writer.bytes) == big)
    }

    @Test("a message over a limit is refused and leaves the writer as it was")
    func refusesOverLimit() throws {
        var writer = WireWriter()
        try writer.write(Self.note)
        let before = writer.bytes
        let tooLongString = Note(author: String(repeating: "a", count: WireLimits.maxStringBytes + 1), text: "")
        #expect(throws: WireError.self) { try writer.write(tooLongString) }
        #expect(writer.bytes == before)
        do {
            try writer.write(tooLongString)
        } catch {
            #expect(error.code == .stringTooLong)
            #expect(error.path == ["Note"])
        }
        // The refusal is not sticky: the next message is written normally.
        try writer.write(Self.note)
        #expect(writer.bytes == before + before)
    }

    @Test("a string of exactly 1 MiB is written and read back")
    func stringAtLimit() throws {
        let note = Note(author: String(repeating: "党", count: WireLimits.maxStringBytes / 3) + "a", text: "")
        #expect(note.author.utf8.count == WireLimits.maxStringBytes)
        #expect(try Note(decoding: note.encoded()) == note)
    }

    @Test("a list over 1<<20 elements and a message over 16 MiB are refused by the writer")
    func otherLimits() {
        let longList = Blob(flags: [Bool](repeating: true, count: WireLimits.maxListCount + 1))
        #expect { try longList.encoded() } throws: { ($0 as? WireError)?.code == .listTooLong }
        let bigMessage = Blob(data: [UInt8](repeating: 1, count: WireLimits.maxBytesLength), label: "x")
        #expect { try bigMessage.encoded() } throws: { ($0 as? WireError)?.code == .messageTooLarge }
        let tooLongBytes = Blob(data: [UInt8](repeating: 1, count: WireLimits.maxBytesLength + 1))
        #expect { try tooLongBytes.encoded() } throws: { ($0 as? WireError)?.code == .bytesTooLong }
    }
}
