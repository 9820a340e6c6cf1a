import PeixunCodec
import Testing

/// protocols/README.md, "Evolution": version 1 and version 2 of a schema (Evolution/v1 and
/// Evolution/v2, generated into EvolutionGenerated/) read each other's messages.
@Suite("schema evolution")
struct EvolutionTests {
    typealias Samples = EvolutionSamples

    @Test("both versions use the same type ids, so their frames are interchangeable")
    func sameTypeIDs() {
        #expect(RosterEntryV1.typeID == RosterEntryV2.typeID)
        #expect(MarkV1.typeID == MarkV2.typeID)
        #expect(RatingV1.typeID == RatingV2.typeID)
        #expect(Evolution_aFamily.schemaVersion == 1)
        #expect(Evolution_bFamily.schemaVersion == 2)
    }

    @Test("an old reader decodes a new writer's message: known fields kept, appended ones skipped, nested structs too")
    func oldReaderNewWriter() throws {
        let bytes = Samples.v2.bytes()
        let old = try RosterEntryV1(decoding: bytes)
        #expect(old.member == Samples.v2.member)
        #expect(old.name == "张伟")
        #expect(old.hours == 0, "the deprecated field arrives as its zero value")
        // The rooms appended inside each SessionB are skipped, in the list and in `primary`.
        #expect(old.sessions == [SessionA(lesson: Samples.lessonA, minutes: 90), SessionA(lesson: Samples.lessonB, minutes: 45)])
        #expect(old.primary == SessionA(lesson: Samples.lessonA, minutes: 90))
        // The same through the view, whose list is re-read element by element.
        try bytes.withUnsafeBytes { buffer in
            let view = try RosterEntryV1.view(buffer)
            #expect(view.name == "张伟")
            #expect(view.sessions.map(\.minutes) == [90, 45])
            #expect(view.primary.lesson == Samples.lessonA)
            #expect(try view.owned == old)
        }
    }

    @Test("a new reader decodes an old writer's message: appended fields take their zero values")
    func newReaderOldWriter() throws {
        let new = try RosterEntryV2(decoding: Samples.v1.bytes())
        #expect(new.member == Samples.v1.member)
        #expect(new.name == "张伟")
        #expect(new.sessions == [SessionB(lesson: Samples.lessonA, minutes: 90, room: ""), SessionB(lesson: Samples.lessonB, minutes: 45, room: "")])
        #expect(new.primary == SessionB(lesson: Samples.lessonA, minutes: 90, room: ""))
        #expect(new.note == "")
        #expect(new.attendance == nil)
        #expect(new.tags.isEmpty)
        try Samples.v1.bytes().withUnsafeBytes { buffer in
            let view = try RosterEntryV2.view(buffer)
            #expect(view.note == "")
            #expect(view.tags.count == 0)
            #expect(view.primary.room == "")
            #expect(try view.owned == new)
        }
    }

    @Test("a deprecated field is written as its zero value in its old position")
    func deprecatedIsZero() throws {
        let bytes = Samples.v2.bytes()
        // header (2 + 2: the body is over 127 bytes), member 16, name (1 + 6), then hours.
        let hoursOffset = 4 + 16 + 7
        #expect(bytes[hoursOffset] == 0x00)
        // The v1 encoding of the same entry with hours 0 has the same bytes up to the sessions.
        var v1 = Samples.v1
        v1.hours = 0
        let v1Bytes = v1.bytes()
        #expect(Array(v1Bytes[3...(3 + 16 + 7)]) == Array(bytes[4...hoursOffset]))
        // And a v2 reader skips whatever an old writer put there.
        #expect(try RosterEntryV2(decoding: Samples.v1.bytes()).name == "张伟")
    }

    @Test("a v2 message round-trips through a v1 reader and writer only for the fields v1 knows")
    func throughOldService() throws {
        let relayed = try RosterEntryV1(decoding: Samples.v2.bytes()).bytes()
        let back = try RosterEntryV2(decoding: relayed)
        #expect(back.name == Samples.v2.name)
        #expect(back.sessions.map(\.minutes) == Samples.v2.sessions.map(\.minutes))
        #expect(back.sessions.allSatisfy { $0.room.isEmpty })
        #expect(back.note == "")
        #expect(back.attendance == nil)
    }

    @Test("a non-optional enum appended in v2 reads as its first declared case from v1 bytes")
    func appendedEnumMissing() throws {
        let bytes = MarkV1(member: IDs.member).bytes()
        #expect(try MarkV2(decoding: bytes) == MarkV2(member: IDs.member, attendance: .present))
        #expect(try Catalog.entry(MarkV2.self).decodeView(bytes).get() as? MarkV2 == MarkV2(member: IDs.member, attendance: .present))
        // The other way round is fine: v1 skips the enum.
        #expect(try MarkV1(decoding: MarkV2(member: IDs.member, attendance: .excused).bytes()) == MarkV1(member: IDs.member))
    }

    @Test("an enum value added in v2 is accepted by v2 and skipped by v1 when v1 lacks the field")
    func addedEnumValue() throws {
        var entry = Samples.v2
        entry.attendance = .excused
        #expect(try RosterEntryV2(decoding: entry.bytes()).attendance == .excused)
        #expect(try RosterEntryV1(decoding: entry.bytes()).name == "张伟")
    }

    @Test("a deprecated enum field is sent as the enum's first declared case (present = 1)")
    func deprecatedEnumRoundTrip() throws {
        let rating = RatingV2(member: IDs.member, note: "请假")
        let bytes = rating.bytes()
        // header 3, member 16, then the deprecated enum.
        #expect(bytes[3 + 16] == 0x01)
        #expect(try RatingV2(decoding: bytes) == rating)
        // A value an older writer put there is read and dropped.
        #expect(try RatingV2(decoding: RatingV1(member: IDs.member, attendance: .absent, note: "请假").bytes()) == rating)
    }

    /// protocols/README.md, "Evolution": deprecating keeps "old and new readers and writers
    /// working together". An old reader still has the enum field, non-optional: it reads the
    /// first declared case, a valid value.
    @Test("an old reader still reads a message whose enum field the new version deprecated")
    func deprecatedEnumOldReader() throws {
        let bytes = RatingV2(member: IDs.member, note: "请假").bytes()
        #expect(try RatingV1(decoding: bytes) == RatingV1(member: IDs.member, attendance: .present, note: "请假"))
    }
}
