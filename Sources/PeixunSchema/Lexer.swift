/// Splits a schema into tokens. `#` starts a comment to the end of the line; comment lines right
/// above a declaration, field or enum case become its documentation.
struct Token: Equatable {
    enum Kind: Equatable {
        case word(String)
        case number(Int)
        case symbol(String)  // { } : = ? [ ] ..
        case comment(String)
        case newline
    }
    var kind: Kind
    var location: SourceLocation
}

struct Lexer {
    let path: String

    func tokens(_ text: String) throws(SchemaError) -> [Token] {
        var tokens: [Token] = []
        // Split on the scalar "\n", not the Character: "\r\n" is one Character, so a CRLF file
        // would otherwise be one long line (the "\r" left at a line's end is dropped).
        for (lineIndex, line) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var scalars = Array(line)
            if scalars.last == "\r" { scalars.removeLast() }
            try lex(line: scalars, number: lineIndex + 1, into: &tokens)
            tokens.append(Token(kind: .newline, location: SourceLocation(path: path, line: lineIndex + 1, column: line.count + 1)))
        }
        return tokens
    }

    private func lex(line: [Unicode.Scalar], number: Int, into tokens: inout [Token]) throws(SchemaError) {
        var i = 0
        func here() -> SourceLocation { SourceLocation(path: path, line: number, column: i + 1) }
        while i < line.count {
            let c = line[i]
            if c == " " || c == "\t" || c == "\r" {
                i += 1
            } else if c == "#" {
                let text = String(String.UnicodeScalarView(line[(i + 1)...]))
                tokens.append(Token(kind: .comment(text.trimmingLeadingSpace()), location: here()))
                return
            } else if c.properties.isAlphabetic || c == "_" {
                let start = i
                while i < line.count, line[i].properties.isAlphabetic || line[i] == "_" || ("0"..."9").contains(line[i]) {
                    i += 1
                }
                tokens.append(Token(kind: .word(String(String.UnicodeScalarView(line[start..<i]))),
                                    location: SourceLocation(path: path, line: number, column: start + 1)))
            } else if ("0"..."9").contains(c) {
                let start = i
                while i < line.count, ("0"..."9").contains(line[i]) { i += 1 }
                let digits = String(String.UnicodeScalarView(line[start..<i]))
                let at = SourceLocation(path: path, line: number, column: start + 1)
                guard let value = Int(digits), digits.count <= 10 else {
                    throw SchemaError("number \(digits) is too large", at: at)
                }
                tokens.append(Token(kind: .number(value), location: at))
            } else if c == ".", i + 1 < line.count, line[i + 1] == "." {
                tokens.append(Token(kind: .symbol(".."), location: here()))
                i += 2
            } else if "{}:=?[]".unicodeScalars.contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), location: here()))
                i += 1
            } else {
                throw SchemaError("unexpected character '\(c)'", at: here())
            }
        }
    }
}

extension String {
    func trimmingLeadingSpace() -> String {
        String(drop { $0 == " " })
    }
}
