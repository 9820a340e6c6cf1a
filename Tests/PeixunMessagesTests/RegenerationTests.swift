import Foundation
import PeixunSchema
import Testing

/// The committed generated Swift is exactly what the generator makes of the committed schemas.
@Suite("generated code is up to date")
struct RegenerationTests {
    struct Target: Sendable, CustomTestStringConvertible {
        let schemas: URL
        let output: URL
        let displayPrefix: String
        let registry: Bool

        var command: String {
            "swift run peixun-protocolc --protocols \(Paths.relative(schemas)) --output \(Paths.relative(output))"
                + " --display-prefix \(displayPrefix)" + (registry ? "" : " --no-registry")
        }
        var testDescription: String { Paths.relative(output) }
    }

    static let targets = [
        Target(schemas: Paths.protocols, output: Paths.generated, displayPrefix: "protocols", registry: true),
        Target(schemas: Paths.evolution.appendingPathComponent("v1"), output: Paths.evolutionGenerated.appendingPathComponent("v1"),
               displayPrefix: "Tests/PeixunMessagesTests/Evolution/v1", registry: false),
        Target(schemas: Paths.evolution.appendingPathComponent("v2"), output: Paths.evolutionGenerated.appendingPathComponent("v2"),
               displayPrefix: "Tests/PeixunMessagesTests/Evolution/v2", registry: false),
    ]

    @Test("every generated file matches the generator's output byte for byte; none is missing or extra", arguments: targets)
    func upToDate(target: Target) throws {
        let compilation = try ProtocolCompilation(
            protocolsDirectory: target.schemas, displayPrefix: target.displayPrefix, registry: target.registry)
        #expect(!compilation.files.isEmpty)
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: target.output.path).filter { $0.hasSuffix(".swift") })
        var problems: [String] = []
        for (name, contents) in compilation.files.sorted(by: { $0.key < $1.key }) {
            let url = target.output.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append("missing: \(name)")
                continue
            }
            if data != Data(contents.utf8) { problems.append("differs: \(name)") }
        }
        for name in committed.subtracting(compilation.files.keys).sorted() {
            problems.append("extra (no schema produces it): \(name)")
        }
        #expect(problems.isEmpty, """
            \(Paths.relative(target.output)) is out of date with \(Paths.relative(target.schemas)):
            \(problems.joined(separator: "\n"))
            Regenerate from the repository root with:
            \(target.command)
            """)
    }
}
