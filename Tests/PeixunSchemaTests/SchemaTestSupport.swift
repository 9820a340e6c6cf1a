import Foundation
import PeixunSchema
import Testing

/// Parses one schema (as `path`).
func parse(_ text: String, path: String = "test.peixun") throws(SchemaError) -> SchemaFile {
    try SchemaParser().parse(text, path: path)
}

/// Parses every `(path, text)` and checks them together: what `peixun-protocolc` does before
/// emitting anything.
@discardableResult
func compile(_ sources: [(path: String, text: String)]) throws(SchemaError) -> [SchemaFile] {
    var files: [SchemaFile] = []
    for source in sources { files.append(try parse(source.text, path: source.path)) }
    try SchemaChecker().check(files)
    return files
}

/// The error compiling `sources` gives, or nil (recorded as a test failure) when there is none.
func schemaError(
    _ sources: [(path: String, text: String)],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> SchemaError? {
    do {
        try compile(sources)
        Issue.record("expected a SchemaError, but the schema compiled", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Expects compiling `sources` to fail at `path:line:column` with a message containing every
/// fragment in `mentions`.
func expectSchemaError(
    _ sources: [(path: String, text: String)],
    at path: String, _ line: Int, _ column: Int,
    mentions: [String],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    guard let error = schemaError(sources, sourceLocation: sourceLocation) else { return }
    #expect(error.location.path == path, "\(error)", sourceLocation: sourceLocation)
    #expect(error.location.line == line, "\(error)", sourceLocation: sourceLocation)
    #expect(error.location.column == column, "\(error)", sourceLocation: sourceLocation)
    for fragment in mentions {
        #expect(error.message.contains(fragment), "\(error) should mention \(fragment)", sourceLocation: sourceLocation)
    }
    #expect(error.description == "\(path):\(line):\(column): \(error.message)", sourceLocation: sourceLocation)
}

/// The same for a single file called `test.peixun`.
func expectSchemaError(
    _ text: String,
    at line: Int, _ column: Int,
    mentions: [String],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    expectSchemaError([("test.peixun", text)], at: "test.peixun", line, column, mentions: mentions, sourceLocation: sourceLocation)
}

/// Three header lines: declarations written after it start on line 4.
let header = """
    family test
    version 1
    types 1..99

    """

/// The repository's `protocols/*.peixun`, found from this file's path.
func committedSchemas(sourceFile: String = #filePath) throws -> [(path: String, text: String)] {
    let root = URL(fileURLWithPath: sourceFile)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("protocols")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".peixun") }
        .sorted()
        .map { name in
            ("protocols/\(name)", try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
}
