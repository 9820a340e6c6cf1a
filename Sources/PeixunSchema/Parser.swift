/// Parses one schema file (grammar in protocols/README.md, "Schema language").
public struct SchemaParser {
    public init() {}

    public func parse(_ text: String, path: String) throws(SchemaError) -> SchemaFile {
        var state = ParserState(tokens: try Lexer(path: path).tokens(text), path: path)
        return try state.file()
    }
}

struct ParserState {
    private let tokens: [Token]
    private let path: String
    private var index = 0
    /// Comment lines seen since the last declaration or field: its documentation.
    private var pendingDoc: [String] = []
    private var lastToken: Token?

    init(tokens: [Token], path: String) {
        self.tokens = tokens.filter { $0.kind != .newline }
        self.path = path
    }

    mutating func file() throws(SchemaError) -> SchemaFile {
        try expectWord("family")
        let family = try identifier("family name")
        try expectWord("version")
        let version = try number("schema version")
        try expectWord("types")
        let rangeStart = location
        let low = try number("first type id")
        try expectSymbol("..")
        let high = try number("last type id")
        guard low <= high, high <= Int(UInt16.max) else {
            throw SchemaError("type id range \(low)..\(high) must be ascending and within 0..65535", at: rangeStart)
        }
        var file = SchemaFile(path: path, family: family, version: version, typeIDs: low...high)
        pendingDoc = []
        while let token = peek() {
            let doc = takeDoc()
            switch token.kind {
            case .word("enum"):
                file.order.append(.enumeration(file.enums.count))
                file.enums.append(try enumDecl(doc: doc))
            case .word("struct"):
                file.order.append(.structure(file.structs.count))
                file.structs.append(try structDecl(doc: doc, isMessage: false))
            case .word("message"):
                file.order.append(.structure(file.structs.count))
                file.structs.append(try structDecl(doc: doc, isMessage: true))
            default:
                throw SchemaError("expected 'enum', 'struct' or 'message', found \(describe(token))", at: token.location)
            }
        }
        return file
    }

    private mutating func enumDecl(doc: [String]) throws(SchemaError) -> EnumDecl {
        let start = try advance().location
        let name = try typeName()
        try expectSymbol("{")
        var cases: [EnumCase] = []
        while !checkSymbol("}") {
            let caseDoc = takeDoc()
            let at = location
            let caseName = try identifier("enum case name")
            try expectSymbol("=")
            let value = try number("enum value")
            guard value <= Int(UInt32.max) else { throw SchemaError("enum value \(value) exceeds u32", at: at) }
            cases.append(EnumCase(name: caseName, value: UInt32(value), doc: caseDoc, location: at))
            attachTrailingComment(to: &cases[cases.count - 1].doc, line: at.line)
        }
        try expectSymbol("}")
        return EnumDecl(name: name, doc: doc, cases: cases, location: start)
    }

    private mutating func structDecl(doc: [String], isMessage: Bool) throws(SchemaError) -> StructDecl {
        let start = try advance().location
        let name = try typeName()
        var typeID: Int?
        if isMessage {
            try expectSymbol("=")
            typeID = try number("message type id")
        }
        try expectSymbol("{")
        var fields: [FieldDecl] = []
        while !checkSymbol("}") {
            fields.append(try field())
        }
        try expectSymbol("}")
        return StructDecl(name: name, typeID: typeID, doc: doc, fields: fields, location: start)
    }

    private mutating func field() throws(SchemaError) -> FieldDecl {
        let doc = takeDoc()
        let at = location
        let id = try number("field id")
        let name = try identifier("field name")
        try expectSymbol(":")
        let type = try fieldType()
        var deprecated = false
        if case .word("deprecated")? = peek()?.kind {
            _ = try advance()
            deprecated = true
        }
        var field = FieldDecl(id: id, name: name, type: type, deprecated: deprecated, doc: doc, location: at)
        attachTrailingComment(to: &field.doc, line: at.line)
        return field
    }

    private mutating func fieldType() throws(SchemaError) -> FieldType {
        if checkSymbol("[") {
            _ = try advance()
            let base = try baseType()
            try expectSymbol("]")
            if checkSymbol("?") { throw SchemaError("a list cannot be optional: an empty list says 'none'", at: location) }
            return .list(base)
        }
        let base = try baseType()
        if checkSymbol("?") {
            _ = try advance()
            return .optional(base)
        }
        return .single(base)
    }

    private mutating func baseType() throws(SchemaError) -> BaseType {
        let at = location
        let word = try identifier("type")
        if let builtin = BaseType.keywords[word] { return builtin }
        guard word.first?.isUppercase == true else {
            throw SchemaError("unknown type '\(word)' (built-in types are lower case, declared types start upper case)", at: at)
        }
        return .named(word)
    }

    // MARK: - Tokens

    private var location: SourceLocation {
        mutating get { peek()?.location ?? lastToken?.location ?? SourceLocation(path: path, line: 1, column: 1) }
    }

    /// The next non-comment token; comments on the way are collected as documentation.
    private mutating func peek() -> Token? {
        while index < tokens.count, case .comment(let text) = tokens[index].kind {
            pendingDoc.append(text)
            commentLines.append(tokens[index].location.line)
            index += 1
        }
        return index < tokens.count ? tokens[index] : nil
    }

    private var commentLines: [Int] = []

    private mutating func takeDoc() -> [String] {
        _ = peek()
        defer {
            pendingDoc = []
            commentLines = []
        }
        return pendingDoc
    }

    /// A comment on the same line as a field or case documents it.
    private mutating func attachTrailingComment(to doc: inout [String], line: Int) {
        _ = peek()
        if let first = commentLines.first, first == line {
            doc.append(pendingDoc.removeFirst())
            commentLines.removeFirst()
        }
    }

    private mutating func advance() throws(SchemaError) -> Token {
        guard let token = peek() else { throw SchemaError("unexpected end of file", at: location) }
        index += 1
        lastToken = token
        return token
    }

    private mutating func checkSymbol(_ symbol: String) -> Bool {
        peek()?.kind == .symbol(symbol)
    }

    private mutating func expectSymbol(_ symbol: String) throws(SchemaError) {
        let token = try advance()
        guard token.kind == .symbol(symbol) else {
            throw SchemaError("expected '\(symbol)', found \(describe(token))", at: token.location)
        }
    }

    private mutating func expectWord(_ word: String) throws(SchemaError) {
        let token = try advance()
        guard token.kind == .word(word) else {
            throw SchemaError("expected '\(word)', found \(describe(token))", at: token.location)
        }
    }

    private mutating func identifier(_ what: String) throws(SchemaError) -> String {
        let token = try advance()
        guard case .word(let word) = token.kind else {
            throw SchemaError("expected \(what), found \(describe(token))", at: token.location)
        }
        guard word.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            throw SchemaError("\(what) '\(word)' must be ASCII", at: token.location)
        }
        return word
    }

    private mutating func typeName() throws(SchemaError) -> String {
        let at = location
        let name = try identifier("type name")
        guard name.first?.isUppercase == true else {
            throw SchemaError("type name '\(name)' must start with an upper-case letter", at: at)
        }
        return name
    }

    private mutating func number(_ what: String) throws(SchemaError) -> Int {
        let token = try advance()
        guard case .number(let value) = token.kind else {
            throw SchemaError("expected \(what), found \(describe(token))", at: token.location)
        }
        return value
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let word): "'\(word)'"
        case .number(let number): "\(number)"
        case .symbol(let symbol): "'\(symbol)'"
        case .comment: "a comment"
        case .newline: "end of line"
        }
    }
}
