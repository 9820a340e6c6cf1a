import PeixunCodec

// Hand-written messages, shaped the way the generator shapes them, so that the runtime can be
// tested without the generated module.

/// A message with strings, a list and an optional.
struct Note: WireMessage {
    static let typeID: UInt16 = 7
    static let typeName = "Note"
    static let fieldNames = ["author", "text", "tags", "score"]
    typealias View = Note

    var author: String
    var text: String
    var tags: [String] = []
    var score: UInt8? = nil

    init(author: String, text: String, tags: [String] = [], score: UInt8? = nil) {
        self.author = author
        self.text = text
        self.tags = tags
        self.score = score
    }

    func encodeFields(into writer: inout WireWriter) {
        writer.field(author, StringCodec.self)
        writer.field(text, StringCodec.self)
        writer.listField(tags, StringCodec.self)
        writer.optionalField(score, UnsignedCodec<UInt8>.self)
    }

    init(fieldsFrom reader: inout WireReader) throws(WireError) {
        var field = 0
        do throws(WireError) {
            author = try reader.field(StringCodec.self)
            field = 1
            text = try reader.field(StringCodec.self)
            field = 2
            tags = try reader.listField(StringCodec.self)
            field = 3
            score = try reader.optionalField(UnsignedCodec<UInt8>.self)
        } catch {
            throw error.within(Self.typeName, field: Self.fieldNames[field])
        }
    }
}

/// A message with a bytes field and a list of bools (for the size limits).
struct Blob: WireMessage {
    static let typeID: UInt16 = 8
    static let typeName = "Blob"
    typealias View = Blob

    var data: [UInt8] = []
    var flags: [Bool] = []
    var label: String = ""

    init(data: [UInt8] = [], flags: [Bool] = [], label: String = "") {
        self.data = data
        self.flags = flags
        self.label = label
    }

    func encodeFields(into writer: inout WireWriter) {
        writer.field(data, BytesCodec.self)
        writer.listField(flags, BoolCodec.self)
        writer.field(label, StringCodec.self)
    }

    init(fieldsFrom reader: inout WireReader) throws(WireError) {
        data = try reader.field(BytesCodec.self)
        flags = try reader.listField(BoolCodec.self)
        label = try reader.field(StringCodec.self)
    }
}

/// A struct that contains itself through a list: the schema checker forbids this, but a
/// hostile frame can nest as deep as it likes, so the decoder has to count.
struct Chain: WireStruct {
    static let typeName = "Chain"
    typealias View = Chain
    var next: [Chain] = []

    init(depth: Int) {
        next = depth > 0 ? [Chain(depth: depth - 1)] : []
    }

    var depth: Int { next.first.map { $0.depth + 1 } ?? 0 }

    func encodeFields(into writer: inout WireWriter) {
        writer.listField(next, StructCodec<Chain>.self)
    }

    init(fieldsFrom reader: inout WireReader) throws(WireError) {
        do throws(WireError) {
            next = try reader.listField(StructCodec<Chain>.self)
        } catch {
            throw error.within(Self.typeName, field: "next")
        }
    }
}

/// A message holding a chain of nested structs.
struct ChainMessage: WireMessage {
    static let typeID: UInt16 = 9
    static let typeName = "ChainMessage"
    typealias View = ChainMessage
    var chain: Chain

    init(chain: Chain) { self.chain = chain }

    func encodeFields(into writer: inout WireWriter) {
        writer.field(chain, StructCodec<Chain>.self)
    }

    init(fieldsFrom reader: inout WireReader) throws(WireError) {
        chain = try reader.field(StructCodec<Chain>.self)
    }
}

extension WireMessage {
    /// Decodes `bytes` as a complete message of this type.
    static func decoded(_ bytes: [UInt8]) -> Result<Self, WireError> {
        Result { () throws(WireError) in try Self(decoding: bytes) }
    }
}

// These hand-written messages are their own views (they own everything they read).
extension Note: WireView { var owned: Note { self } }
extension Blob: WireView { var owned: Blob { self } }
extension Chain: WireView { var owned: Chain { self } }
extension ChainMessage: WireView { var owned: ChainMessage { self } }
