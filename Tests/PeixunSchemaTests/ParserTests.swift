import PeixunSchema
import Testing

/// A schema using every construct of the language (protocols/README.md, "Schema language").
/// Line numbers matter: the test checks declaration locations.
private let everything = """
    # A file comment before the header documents nothing.
    family school
    version 3
    types 10..19

    # How a pupil arrives.
    # (two doc lines)
    enum Arrival {
      # On foot.
      walk = 1
      bus = 2            # by school bus
      car = 4294967295
    }

    # A postal address.
    struct Address {
      1 street: string
      2 city: string     # the city, e.g. 中山市
    }

    # Every field type at once.
    message Everything = 10 {
      1 a: u8
      2 b: u16
      3 c: u32
      4 d: u64
      5 e: i8
      6 f: i16
      7 g: i32
      8 h: i64
      9 flag: bool
      10 ratio: f64
      11 name: string
      12 blob: bytes
      13 id: uuid
      14 at: timestamp
      # Where the pupil lives.
      15 home: Address
      16 arrival: Arrival?
      17 tags: [string]
      18 old: u32 deprecated   # no longer sent
      19 addresses: [Address]
      20 nickname: string?
      21 modes: [Arrival]
      22 formerHome: Address? deprecated
    }

    message Empty = 19 {
    }
    """

@Suite("Parser: the model of a schema")
struct ParserTests {
    @Test("the header: family, version and type id range")
    func header() throws {
        let file = try parse(everything, path: "protocols/school.peixun")
        #expect(file.path == "protocols/school.peixun")
        #expect(file.family == "school")
        #expect(file.version == 3)
        #expect(file.typeIDs == 10...19)
    }

    @Test("declarations keep file order")
    func order() throws {
        let file = try parse(everything)
        #expect(file.enums.map(\.name) == ["Arrival"])
        #expect(file.structs.map(\.name) == ["Address", "Everything", "Empty"])
        #expect(file.order == [.enumeration(0), .structure(0), .structure(1), .structure(2)])
    }

    @Test("an enum: cases, values, docs above and trailing, locations")
    func enumeration() throws {
        let arrival = try #require(try parse(everything).enums.first)
        #expect(arrival.name == "Arrival")
        #expect(arrival.doc == ["How a pupil arrives.", "(two doc lines)"])
        #expect(arrival.location.line == 8 && arrival.location.column == 1)
        #expect(arrival.cases.map(\.name) == ["walk", "bus", "car"])
        #expect(arrival.cases.map(\.value) == [1, 2, UInt32.max])
        #expect(arrival.cases.map(\.doc) == [["On foot."], ["by school bus"], []])
        #expect(arrival.cases.map(\.location.line) == [10, 11, 12])
        #expect(arrival.cases.map(\.location.column) == [3, 3, 3])
    }

    @Test("a struct has no type id; a trailing comment documents its field")
    func structure() throws {
        let address = try parse(everything).structs[0]
        #expect(address.typeID == nil)
        #expect(!address.isMessage)
        #expect(address.doc == ["A postal address."])
        #expect(address.location.line == 16)
        #expect(address.fields.map(\.name) == ["street", "city"])
        #expect(address.fields.map(\.type) == [.single(.string), .single(.string)])
        #expect(address.fields.map(\.doc) == [[], ["the city, e.g. 中山市"]])
    }

    @Test("a message: type id and every field type")
    func message() throws {
        let message = try parse(everything).structs[1]
        #expect(message.name == "Everything")
        #expect(message.typeID == 10)
        #expect(message.isMessage)
        #expect(message.doc == ["Every field type at once."])
        #expect(message.location.line == 22 && message.location.column == 1)
        #expect(message.fields.map(\.id) == Array(1...22))
        let expected: [(String, FieldType)] = [
            ("a", .single(.u8)), ("b", .single(.u16)), ("c", .single(.u32)), ("d", .single(.u64)),
            ("e", .single(.i8)), ("f", .single(.i16)), ("g", .single(.i32)), ("h", .single(.i64)),
            ("flag", .single(.bool)), ("ratio", .single(.f64)), ("name", .single(.string)),
            ("blob", .single(.bytes)), ("id", .single(.uuid)), ("at", .single(.timestamp)),
            ("home", .single(.named("Address"))), ("arrival", .optional(.named("Arrival"))),
            ("tags", .list(.string)), ("old", .single(.u32)), ("addresses", .list(.named("Address"))),
            ("nickname", .optional(.string)), ("modes", .list(.named("Arrival"))),
            ("formerHome", .optional(.named("Address"))),
        ]
        #expect(message.fields.map(\.name) == expected.map(\.0))
        #expect(message.fields.map(\.type) == expected.map(\.1))
        #expect(message.fields.map(\.location.line) == Array(23...45).filter { $0 != 37 })
        #expect(message.fields.allSatisfy { $0.location.column == 3 })
    }

    @Test("deprecated fields and their docs")
    func deprecated() throws {
        let fields = try parse(everything).structs[1].fields
        #expect(fields.filter(\.deprecated).map(\.name) == ["old", "formerHome"])
        #expect(fields.first { $0.name == "home" }?.doc == ["Where the pupil lives."])
        #expect(fields.first { $0.name == "old" }?.doc == ["no longer sent"])
        #expect(fields.filter { !$0.doc.isEmpty }.map(\.name) == ["home", "old"])
    }

    @Test("a message with no fields")
    func emptyMessage() throws {
        let empty = try parse(everything).structs[2]
        #expect(empty.typeID == 19)
        #expect(empty.fields.isEmpty)
        #expect(empty.doc.isEmpty)
    }

    @Test("the schema passes the checker")
    func checks() throws {
        try compile([("school.peixun", everything)])
    }

    @Test("type descriptions read like the schema")
    func descriptions() {
        #expect(FieldType.single(.u8).description == "u8")
        #expect(FieldType.optional(.timestamp).description == "timestamp?")
        #expect(FieldType.list(.named("Venue")).description == "[Venue]")
        #expect(FieldType.list(.uuid).base == .uuid)
    }

    @Test("layout is free: several fields on a line, tabs, no spaces around symbols")
    func layout() throws {
        let file = try parse("family f version 1 types 1..2 message M=1{1 a:u8 2 b:[string]\t3 c:M?}")
        let message = try #require(file.structs.first)
        #expect(message.typeID == 1)
        #expect(message.fields.map(\.type) == [.single(.u8), .list(.string), .optional(.named("M"))])
    }

    @Test("Windows line endings (CRLF) read like LF")
    func crlf() throws {
        let text = "family f\r\nversion 1\r\ntypes 1..2\r\n# Doc.\r\nstruct A {\r\n  1 x: u8  # trailing\r\n  2 y: u8\r\n}\r\n"
        let file = try parse(text)
        let a = try #require(file.structs.first)
        #expect(a.doc == ["Doc."])
        #expect(a.location.line == 5)
        #expect(a.fields.map(\.name) == ["x", "y"])
        #expect(a.fields.map(\.location.line) == [6, 7])
        #expect(a.fields[0].doc == ["trailing"])
    }

    @Test("the committed protocols/*.peixun compile")
    func committedProtocols() throws {
        let sources = try committedSchemas()
        #expect(sources.count >= 6)
        let files = try compile(sources)
        #expect(Set(files.map(\.family)).isSuperset(of: ["envelope", "broker", "enrollment", "scoring", "archive", "reporting"]))
    }
}
