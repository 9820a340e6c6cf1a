import PeixunCodec
import PeixunMessages
import Testing

/// Errors from generated decoders name the field path, outermost first, and the byte offset.
@Suite("error paths")
struct ErrorPathTests {
    /// Offset of the first occurrence of `needle` in `haystack`.
    static func offset(of needle: [UInt8], in haystack: [UInt8]) throws -> Int {
        try #require((0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle })
    }

    @Test("a corrupted string inside the nested venue names LessonScheduled.venue.Venue.name and the string's offset")
    func nestedStruct() throws {
        var bytes = EnrollmentSamples.lesson.bytes()
        let name = Array("中山市委党校".utf8)
        let start = try Self.offset(of: name, in: bytes)
        bytes[start + 1] = 0x41  // breaks the first character's continuation bytes
        for result in [Catalog.entry(LessonScheduled.self).decodeOwned(bytes), Catalog.entry(LessonScheduled.self).decodeView(bytes), registryDecode(bytes)] {
            let error = try #require(expectFailure(result, .invalidUTF8, path: ["LessonScheduled", "venue", "Venue", "name"]))
            #expect(error.offset == start - 1, "the offset is that of the string's length byte")
            #expect(error.description == "invalid UTF-8 in LessonScheduled.venue.Venue.name at byte \(start - 1)")
        }
    }

    @Test("a corrupted string in a list element names the list field and the element's struct")
    func listElement() throws {
        var bytes = EnrollmentSamples.lesson.bytes()
        let start = try Self.offset(of: Array("小榄镇分会场".utf8), in: bytes)
        bytes[start] = 0xFF
        let error = expectFailure(LessonScheduled.decoded(bytes), .invalidUTF8, path: ["LessonScheduled", "branchVenues", "Venue", "name"])
        #expect(error?.offset == start - 1)
    }

    @Test("another message's type id is unexpectedMessageType naming the expected type")
    func wrongType() throws {
        let bytes = EnrollmentSamples.checkedIn.bytes()
        let error = expectFailure(LessonScheduled.decoded(bytes), .unexpectedMessageType, path: ["LessonScheduled"])
        #expect(error?.offset == 0)
        #expect(error?.detail == "type 1030, expected 1020")
    }

    @Test("a byte after a complete message is trailingBytes at that byte")
    func trailing() throws {
        let bytes = EnrollmentSamples.checkedIn.bytes()
        let error = expectFailure(CheckedIn.decoded(bytes + [0x00]), .trailingBytes, path: ["CheckedIn"])
        #expect(error?.offset == bytes.count)
        expectFailure(registryDecode(bytes + [0x00]), .trailingBytes, path: ["CheckedIn"])
    }

    @Test("a type id no schema defines is unknownMessageType from MessageRegistry.decode", arguments: [0, 99, 999, 60001, 65535] as [UInt16])
    func unknownType(id: UInt16) throws {
        var bytes = EnrollmentSamples.checkedIn.bytes()
        bytes[0] = UInt8(id & 0xFF)
        bytes[1] = UInt8(id >> 8)
        let error = expectFailure(registryDecode(bytes), .unknownMessageType)
        #expect(error?.detail == "type \(id)")
    }

    @Test("an enum value the schema lacks is unknownEnumValue naming the field")
    func unknownEnum() throws {
        var bytes = EnrollmentSamples.checkedIn.bytes()
        // CheckedIn: header 3, three uuids 48, timestamp 8, then `method` (qrCode = 1).
        let methodOffset = 3 + 48 + 8
        #expect(bytes[methodOffset] == 0x01)
        bytes[methodOffset] = 0x09
        let error = expectFailure(CheckedIn.decoded(bytes), .unknownEnumValue, path: ["CheckedIn", "method"])
        #expect(error?.offset == methodOffset)
        bytes[methodOffset] = 0x00
        expectFailure(Catalog.entry(CheckedIn.self).decodeView(bytes), .unknownEnumValue, path: ["CheckedIn", "method"])
    }

    @Test("an unknown enum value inside a list of enums names the list")
    func unknownEnumInList() throws {
        var bytes = EnrollmentSamples.member.bytes()
        // MemberRegistered: header 3, two uuids 32, name (1 + 6), then the category list: 02 01 06.
        let listOffset = 3 + 32 + 7
        #expect(Array(bytes[listOffset..<(listOffset + 3)]) == [0x02, 0x01, 0x06])
        bytes[listOffset + 2] = 0x7F  // no category has value 127
        expectFailure(MemberRegistered.decoded(bytes), .unknownEnumValue, path: ["MemberRegistered", "categories"])
    }

    @Test("an i32 field holding a value outside i32 is integerOverflow naming the field")
    func narrowing() throws {
        var bytes = EnrollmentSamples.checkedIn.bytes()
        // CheckedIn: header 3, three uuids 48, timestamp 8, method 1, then clockSkewSeconds (-3: zigzag 05);
        // replace it with zigzag(2^31) = 80 80 80 80 10.
        let skewOffset = 3 + 48 + 8 + 1
        #expect(bytes[skewOffset] == 0x05)
        bytes.replaceSubrange(skewOffset...skewOffset, with: [0x80, 0x80, 0x80, 0x80, 0x10])
        #expect(bytes[2] < 0x80 - 4, "the body length stays a one-byte varint")
        bytes[2] += 4
        expectFailure(CheckedIn.decoded(bytes), .integerOverflow, path: ["CheckedIn", "clockSkewSeconds"])
    }

    @Test("a presence byte of 02 is invalidOptionalTag naming the optional field")
    func presence() throws {
        var bytes = EnrollmentSamples.town.bytes()
        bytes[3 + 16] = 0x02  // the `parent` presence byte, after the organisation uuid
        expectFailure(OrganisationRegistered.decoded(bytes), .invalidOptionalTag, path: ["OrganisationRegistered", "parent"])
    }

    @Test("a bool byte of 02 is invalidBool naming the field")
    func bool() throws {
        let exam = ExamRecorded(member: IDs.member, period: IDs.period, score: 60, passed: true, at: march2024())
        var bytes = exam.bytes()
        let passedOffset = 3 + 32 + 8
        #expect(bytes[passedOffset] == 0x01)
        bytes[passedOffset] = 0x02
        expectFailure(ExamRecorded.decoded(bytes), .invalidBool, path: ["ExamRecorded", "passed"])
    }

    @Test("a message whose body stops before a non-optional enum reads it as the enum's first case")
    func missingEnum() throws {
        // CheckedIn whose body stops after the timestamp: `method` and `clockSkewSeconds` are absent.
        var short = Array(EnrollmentSamples.checkedIn.bytes()[..<(3 + 56)])
        short[2] = UInt8(56)
        let decoded = try CheckedIn.decoded(short).get()
        #expect(decoded.method == .qrCode)
        #expect(decoded.clockSkewSeconds == 0)
        #expect(decoded.at == EnrollmentSamples.checkedIn.at)
    }
}

extension WireMessage {
    /// Decodes `bytes` as a complete message of this type.
    static func decoded(_ bytes: [UInt8]) -> Result<Self, WireError> {
        Result { () throws(WireError) in try Self(decoding: bytes) }
    }
}
