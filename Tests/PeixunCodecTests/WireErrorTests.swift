import PeixunCodec
import Testing

/// An error names its code, offset and field path, and never the payload.
@Suite("WireError")
struct WireErrorTests {
    static let secret = "机密：张伟 440101199001011234"

    /// The note with `secret` as its text, encoded, and the offset of the text's first byte.
    static func encodedSecret() throws -> (bytes: [UInt8], textStart: Int) {
        let note = Note(author: "王芳", text: secret, tags: ["公开"])
        let bytes = try note.encoded()
        // header 2 + body length 1 + author (1 + 6) + text length 1
        let textStart = 2 + 1 + 1 + 6 + 1
        #expect(Array(bytes[textStart..<(textStart + secret.utf8.count)]) == Array(secret.utf8))
        return (bytes, textStart)
    }

    @Test("description contains the code, the offset and the path, and never the string's content")
    func descriptionHidesContent() throws {
        var (bytes, textStart) = try Self.encodedSecret()
        bytes[textStart + 3] = 0xFF  // inside the secret: invalid UTF-8
        let error = try #require(expectFailure(Note.decoded(bytes), .invalidUTF8, at: textStart - 1))
        #expect(error.path == ["Note", "text"])
        let text = error.description
        #expect(text.contains("invalid UTF-8"))
        #expect(text.contains("\(textStart - 1)"))
        #expect(text.contains("Note.text"))
        for fragment in ["机密", "张伟", "440101", "1990"] {
            #expect(!text.contains(fragment), "description leaks \(fragment): \(text)")
        }
        #expect(text == "invalid UTF-8 in Note.text at byte \(textStart - 1)")
    }

    @Test("a truncated message's description does not show the content either")
    func truncatedHidesContent() throws {
        let (bytes, textStart) = try Self.encodedSecret()
        let cut = Array(bytes[..<(textStart + 8)])
        let error = try #require(expectFailure(Note.decoded(cut), .truncated, at: 2))
        #expect(!error.description.contains("机密"))
        #expect(!error.description.contains("王芳"))
    }

    @Test("every code has a readable name in the description")
    func codeNames() {
        let codes: [(WireError.Code, String)] = [
            (.truncated, "truncated"), (.trailingBytes, "trailing bytes"), (.messageTooLarge, "message too large"),
            (.stringTooLong, "string too long"), (.bytesTooLong, "bytes too long"), (.listTooLong, "list too long"),
            (.invalidUTF8, "invalid UTF-8"), (.invalidBool, "invalid bool"), (.invalidOptionalTag, "invalid optional tag"),
            (.unknownEnumValue, "unknown enum value"), (.integerOverflow, "integer overflow"),
            (.nonMinimalVarint, "non-minimal varint"), (.unexpectedMessageType, "unexpected message type"),
            (.unknownMessageType, "unknown message type"),
            (.nestingTooDeep, "nesting too deep"),
        ]
        #expect(Set(codes.map(\.0)).count == codes.count)
        for (code, name) in codes {
            #expect(WireError(code, at: 17).description == "\(name) at byte 17")
        }
        #expect(WireError(.listTooLong, at: 3, detail: "9 > 4").description == "list too long at byte 3 (9 > 4)")
    }

    @Test("within() prefixes the path outermost first")
    func within() {
        let error = WireError(.invalidUTF8, at: 40)
            .within("Venue", field: "name")
            .within("LessonScheduled", field: "venue")
        #expect(error.path == ["LessonScheduled", "venue", "Venue", "name"])
        #expect(error.description == "invalid UTF-8 in LessonScheduled.venue.Venue.name at byte 40")
        #expect(WireError(.truncated, at: 0).within("Note", field: nil).path == ["Note"])
    }

    @Test("an error in a list element names the list field")
    func listElementPath() throws {
        var bytes = try Note(author: "a", text: "b", tags: ["ok", "坏"]).encoded()
        bytes[bytes.count - 2] = 0xC0  // inside "坏"
        let error = try #require(expectFailure(Note.decoded(bytes), .invalidUTF8))
        #expect(error.path == ["Note", "tags"])
    }
}
