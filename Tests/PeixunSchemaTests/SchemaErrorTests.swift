import PeixunSchema
import Testing

// Every schema mistake is a SchemaError at the line and column of the offending token (or of the
// declaration it belongs to), with a message that names the problem. `header` is lines 1–3, so
// the declarations below it start on line 4.

@Suite("Schema errors: header and syntax")
struct SyntaxErrorTests {
    @Test("a file without the family header")
    func missingHeader() {
        expectSchemaError("message A = 1 {\n}\n", at: 1, 1, mentions: ["expected 'family'", "'message'"])
    }

    @Test("a header without its version")
    func missingVersion() {
        expectSchemaError("family a\ntypes 1..2\n", at: 2, 1, mentions: ["expected 'version'", "'types'"])
    }

    @Test("a header without its type range")
    func missingTypes() {
        expectSchemaError("family a\nversion 1\nmessage A = 1 {}\n", at: 3, 1, mentions: ["expected 'types'"])
    }

    @Test("an empty file")
    func emptyFile() {
        expectSchemaError("", at: 1, 1, mentions: ["unexpected end of file"])
    }

    @Test("a type range that runs backwards or beyond 65535")
    func badRange() {
        expectSchemaError("family a\nversion 1\ntypes 20..10\n\nstruct A {\n}\n", at: 3, 7, mentions: ["type id range 20..10"])
        expectSchemaError("family a\nversion 1\ntypes 1..65536\n", at: 3, 7, mentions: ["65535"])
    }

    @Test("unexpected end of file inside a message")
    func unexpectedEnd() {
        expectSchemaError(header + "message A = 1 {\n  1 a: u8\n", at: 5, 8, mentions: ["unexpected end of file"])
    }

    @Test("unexpected end of file inside an enum")
    func unexpectedEndInEnum() {
        expectSchemaError(header + "enum E {\n  a = 1\n  b =", at: 6, 5, mentions: ["unexpected end of file"])
    }

    @Test("an unexpected character")
    func unexpectedCharacter() {
        expectSchemaError(header + "struct A {\n  1 a: u8;\n}\n", at: 5, 10, mentions: ["unexpected character ';'"])
        expectSchemaError(header + "enum E {\n  a = -1\n}\n", at: 5, 7, mentions: ["unexpected character '-'"])
    }

    @Test("a number too large to read")
    func hugeNumber() {
        expectSchemaError(header + "enum E {\n  a = 123456789012\n}\n", at: 5, 7, mentions: ["number 123456789012 is too large"])
    }

    @Test("something other than a declaration at the top level")
    func strayToken() {
        expectSchemaError(header + "field A {}\n", at: 4, 1, mentions: ["expected 'enum', 'struct' or 'message'", "'field'"])
    }

    @Test("a message without its type id")
    func messageWithoutTypeID() {
        expectSchemaError(header + "message A {\n}\n", at: 4, 11, mentions: ["expected '='", "'{'"])
    }

    @Test("a field without its id")
    func fieldWithoutID() {
        expectSchemaError(header + "struct A {\n  a: u8\n}\n", at: 5, 3, mentions: ["expected field id", "'a'"])
    }

    @Test("a non-ASCII field name")
    func nonASCIIFieldName() {
        expectSchemaError(header + "struct A {\n  1 名字: string\n}\n", at: 5, 5, mentions: ["'名字'", "ASCII"])
    }

    @Test("a non-ASCII type name")
    func nonASCIITypeName() {
        expectSchemaError(header + "struct Über {\n}\n", at: 4, 8, mentions: ["'Über'", "ASCII"])
    }

    @Test("non-ASCII text in comments is fine")
    func nonASCIIComment() throws {
        let file = try parse(header + "# 党校\nstruct A {\n  1 a: u8  # 镇街\n}\n")
        #expect(file.structs[0].doc == ["党校"])
        #expect(file.structs[0].fields[0].doc == ["镇街"])
    }
}

@Suite("Schema errors: types")
struct TypeErrorTests {
    @Test("an unknown built-in type (lower case)")
    func unknownBuiltin() {
        expectSchemaError(header + "struct A {\n  1 count: int\n}\n", at: 5, 12, mentions: ["unknown type 'int'", "lower case"])
        expectSchemaError(header + "struct A {\n  1 name: [str]\n}\n", at: 5, 12, mentions: ["unknown type 'str'"])
    }

    @Test("a type name in lower case")
    func lowerCaseTypeName() {
        expectSchemaError(header + "struct point {\n}\n", at: 4, 8, mentions: ["type name 'point'", "upper-case"])
        expectSchemaError(header + "message ping = 1 {\n}\n", at: 4, 9, mentions: ["type name 'ping'", "upper-case"])
        expectSchemaError(header + "enum kind {\n  a = 1\n}\n", at: 4, 6, mentions: ["type name 'kind'", "upper-case"])
    }

    @Test("an unknown referenced type")
    func unknownReference() {
        expectSchemaError(header + "struct A {\n  1 a: u8\n  2 place: Place\n}\n", at: 6, 3, mentions: ["unknown type 'Place'"])
        expectSchemaError(header + "message M = 1 {\n  1 places: [Place]\n}\n", at: 5, 3, mentions: ["unknown type 'Place'"])
        expectSchemaError(header + "message M = 1 {\n  1 place: Place?\n}\n", at: 5, 3, mentions: ["unknown type 'Place'"])
    }

    @Test("a type from another file may be referenced")
    func crossFileReference() throws {
        try compile([
            ("a.peixun", "family a\nversion 1\ntypes 1..9\nstruct Place {\n  1 name: string\n}\n"),
            ("b.peixun", "family b\nversion 1\ntypes 10..19\nmessage Visit = 10 {\n  1 place: Place\n}\n"),
        ])
    }

    @Test("an optional list")
    func optionalList() {
        expectSchemaError(header + "struct A {\n  1 tags: [string]?\n}\n", at: 5, 19, mentions: ["list cannot be optional"])
    }

    @Test("a list of optionals and a list of lists")
    func nestedListForms() {
        expectSchemaError(header + "struct A {\n  1 tags: [string?]\n}\n", at: 5, 18, mentions: ["expected ']'", "'?'"])
        expectSchemaError(header + "struct A {\n  1 tags: [[u8]]\n}\n", at: 5, 12, mentions: ["expected type", "'['"])
    }

    @Test("a reserved type name")
    func reservedTypeName() {
        expectSchemaError(header + "struct View {\n}\n", at: 4, 1, mentions: ["type name 'View' is reserved"])
        expectSchemaError(header + "message String = 1 {\n}\n", at: 4, 1, mentions: ["type name 'String' is reserved"])
        expectSchemaError(header + "enum Optional {\n  a = 1\n}\n", at: 4, 1, mentions: ["type name 'Optional' is reserved"])
    }

    @Test("a type declared twice in one file")
    func duplicateTypeInFile() {
        expectSchemaError(header + "struct A {\n}\nenum A {\n  x = 1\n}\n", at: 6, 1,
                          mentions: ["type 'A' is already declared at test.peixun:4:1"])
    }

    @Test("a type name declared in two files")
    func duplicateTypeAcrossFiles() {
        expectSchemaError(
            [
                ("a.peixun", "family a\nversion 1\ntypes 1..9\n\nstruct Point {\n  1 x: i32\n}\n"),
                ("b.peixun", "family b\nversion 1\ntypes 10..19\nmessage Point = 10 {\n}\n"),
            ],
            at: "b.peixun", 4, 1, mentions: ["type 'Point' is already declared at a.peixun:5:1"])
    }
}

@Suite("Schema errors: fields")
struct FieldErrorTests {
    @Test("field ids with a gap")
    func gap() {
        expectSchemaError(header + "struct A {\n  1 a: u8\n  3 b: u8\n}\n", at: 6, 3, mentions: ["'b'", "id 3", "expected 2"])
    }

    @Test("a duplicate field id")
    func duplicateID() {
        expectSchemaError(header + "struct A {\n  1 a: u8\n  1 b: u8\n}\n", at: 6, 3, mentions: ["'b'", "id 1", "expected 2"])
    }

    @Test("field ids out of order")
    func outOfOrder() {
        expectSchemaError(header + "message M = 1 {\n  2 a: u8\n  1 b: u8\n}\n", at: 5, 3, mentions: ["'a'", "id 2", "expected 1"])
    }

    @Test("field ids starting at 0")
    func startsAtZero() {
        expectSchemaError(header + "struct A {\n  0 a: u8\n}\n", at: 5, 3, mentions: ["id 0", "expected 1"])
    }

    @Test("a duplicate field name")
    func duplicateName() {
        expectSchemaError(header + "struct A {\n  1 a: u8\n  2 b: u8\n  3 a: string\n}\n", at: 7, 3,
                          mentions: ["field 'a' is declared twice in A"])
    }

    @Test("reserved field names")
    func reservedFieldNames() {
        expectSchemaError(header + "message M = 1 {\n  1 typeID: u16\n}\n", at: 5, 3, mentions: ["'typeID'"])
        expectSchemaError(header + "struct A {\n  1 a: u8\n  2 owned: bool\n}\n", at: 6, 3, mentions: ["'owned'"])
        expectSchemaError(header + "struct A {\n  1 fieldNames: string\n}\n", at: 5, 3, mentions: ["'fieldNames'"])
    }

    @Test("a field name in upper case")
    func upperCaseFieldName() {
        expectSchemaError(header + "struct A {\n  1 Name: string\n}\n", at: 5, 3, mentions: ["'Name'", "lower case"])
    }

    @Test("a field without a type")
    func missingType() {
        expectSchemaError(header + "struct A {\n  1 a:\n  2 b: u8\n}\n", at: 6, 3, mentions: ["expected type", "2"])
    }
}

@Suite("Schema errors: enums")
struct EnumErrorTests {
    @Test("an enum with a duplicate value")
    func duplicateValue() {
        expectSchemaError(header + "enum E {\n  a = 1\n  b = 2\n  c = 1\n}\n", at: 7, 3, mentions: ["enum value 1 is used twice in E"])
    }

    @Test("an enum with a duplicate case")
    func duplicateCase() {
        expectSchemaError(header + "enum E {\n  a = 1\n  a = 2\n}\n", at: 6, 3, mentions: ["enum case 'a' is declared twice"])
    }

    @Test("an enum with no cases")
    func noCases() {
        expectSchemaError(header + "\nenum E {\n}\n", at: 5, 1, mentions: ["enum E has no cases"])
    }

    @Test("an enum value beyond u32")
    func valueBeyondU32() {
        expectSchemaError(header + "enum E {\n  a = 1\n  b = 4294967296\n}\n", at: 6, 3, mentions: ["4294967296", "exceeds u32"])
    }

    @Test("the largest u32 is a valid enum value, 0 too")
    func largestValue() throws {
        let file = try parse(header + "enum E {\n  zero = 0\n  top = 4294967295\n}\n")
        #expect(file.enums[0].cases.map(\.value) == [0, UInt32.max])
    }

    @Test("an enum case without its value")
    func caseWithoutValue() {
        expectSchemaError(header + "enum E {\n  a\n  b = 2\n}\n", at: 6, 3, mentions: ["expected '='", "'b'"])
    }
}

@Suite("Schema errors: type ids and families")
struct FamilyErrorTests {
    private func family(_ name: String, _ range: String, _ body: String = "") -> String {
        "family \(name)\nversion 1\ntypes \(range)\n" + body
    }

    @Test("a type id outside the family range")
    func outsideRange() {
        expectSchemaError(family("a", "1..99", "message M = 100 {\n}\n"), at: 4, 1,
                          mentions: ["type id 100 of M is outside family range 1...99"])
        expectSchemaError(family("a", "10..99", "message M = 9 {\n}\n"), at: 4, 1, mentions: ["type id 9", "outside"])
    }

    @Test("a duplicate type id in one family")
    func duplicateTypeIDInFamily() {
        expectSchemaError(family("a", "1..99", "message M = 5 {\n}\nmessage N = 5 {\n}\n"), at: 6, 1,
                          mentions: ["type id 5 is already used at test.peixun:4:1"])
    }

    @Test("a duplicate type id across families needs overlapping ranges, which are refused")
    func duplicateTypeIDAcrossFamilies() {
        expectSchemaError(
            [
                ("a.peixun", family("a", "1..99", "message M = 50 {\n}\n")),
                ("b.peixun", family("b", "50..50", "message N = 50 {\n}\n")),
            ],
            at: "b.peixun", 1, 1, mentions: ["overlaps family 'a'"])
    }

    @Test("overlapping family ranges")
    func overlappingRanges() {
        expectSchemaError(
            [("a.peixun", family("a", "100..199")), ("b.peixun", family("b", "150..250"))],
            at: "b.peixun", 1, 1, mentions: ["type id range 150...250 overlaps family 'a'"])
        expectSchemaError(
            [("a.peixun", family("a", "100..199")), ("b.peixun", family("b", "1..100"))],
            at: "b.peixun", 1, 1, mentions: ["overlaps family 'a'"])
    }

    @Test("adjacent ranges do not overlap")
    func adjacentRanges() throws {
        try compile([("a.peixun", family("a", "1..99")), ("b.peixun", family("b", "100..199"))])
    }

    @Test("a family declared twice")
    func duplicateFamily() {
        expectSchemaError(
            [("one.peixun", family("a", "1..9")), ("two.peixun", family("a", "10..19"))],
            at: "two.peixun", 1, 1, mentions: ["family 'a' is declared twice"])
    }
}

@Suite("Schema errors: cycles and nesting")
struct NestingErrorTests {
    @Test("A contains B contains A")
    func twoStructCycle() {
        let text = header + "struct A {\n  1 b: B\n}\nstruct B {\n  1 a: A\n}\n"
        guard let error = schemaError([("test.peixun", text)]) else { return }
        #expect(error.message.contains("cycle"))
        #expect(error.message.contains("A → B → A") || error.message.contains("B → A → B"))
        // The cycle is reported at the struct where the walk started (the first in the file).
        #expect(error.location.line == 4 && error.location.column == 1, "\(error)")
    }

    @Test("A contains a list of A")
    func listSelfCycle() {
        expectSchemaError(header + "struct A {\n  1 children: [A]\n}\n", at: 4, 1, mentions: ["cycle", "A → A"])
    }

    @Test("A contains an optional A")
    func optionalSelfCycle() {
        expectSchemaError(header + "message A = 1 {\n  1 next: A?\n}\n", at: 4, 1, mentions: ["cycle", "A → A"])
    }

    @Test("a cycle through three structs across two files")
    func crossFileCycle() {
        let error = schemaError([
            ("a.peixun", "family a\nversion 1\ntypes 1..9\nstruct A {\n  1 b: B\n}\nstruct C {\n  1 a: [A]\n}\n"),
            ("b.peixun", "family b\nversion 1\ntypes 10..19\nstruct B {\n  1 c: C?\n}\n"),
        ])
        #expect(error?.message.contains("cycle") == true)
    }

    /// S1 contains S2 … contains S(count); the last has one scalar field.
    private func chain(_ count: Int) -> String {
        var text = header
        for index in 1..<count { text += "struct S\(index) {\n  1 next: S\(index + 1)\n}\n" }
        text += "struct S\(count) {\n  1 x: u8\n}\n"
        return text
    }

    @Test("nesting deeper than 32 (a chain of 34 structs)")
    func tooDeep() {
        expectSchemaError(chain(34), at: 4, 1, mentions: ["S1 nests structs 33 deep", "limit 32"])
    }

    @Test("nesting of exactly 32 (a chain of 33 structs) is allowed")
    func deepestAllowed() throws {
        try compile([("test.peixun", chain(33))])
    }

    @Test("a struct used twice is not a cycle")
    func diamond() throws {
        try compile([("test.peixun", header + """
            struct Leaf {
              1 x: u8
            }
            struct Left {
              1 leaf: Leaf
            }
            struct Right {
              1 leaves: [Leaf]
            }
            message Top = 1 {
              1 left: Left
              2 right: Right
              3 leaf: Leaf?
            }
            """)])
    }
}
