import ArgumentParser
import Foundation
import PeixunSchema

/// `peixun-protocolc`: compiles protocols/*.peixun into Swift. Run it after editing a schema and
/// commit its output; a test fails when the committed output differs.
@main
struct ProtocolCompilerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peixun-protocolc",
        abstract: "Generate Swift message types from Peixun schema files."
    )

    @Option(help: "Folder with the *.peixun schemas.")
    var protocols = "protocols"

    @Option(help: "Folder that receives the generated Swift files.")
    var output = "Sources/PeixunMessages/Generated"

    @Option(help: "How schema paths are named in generated headers.")
    var displayPrefix = "protocols"

    @Flag(help: "Do not emit MessageRegistry.swift (for test-only schemas).")
    var noRegistry = false

    func run() throws {
        do {
            let compilation = try ProtocolCompilation(
                protocolsDirectory: URL(fileURLWithPath: protocols),
                displayPrefix: displayPrefix,
                registry: !noRegistry
            )
            try compilation.write(to: URL(fileURLWithPath: output))
            print("peixun-protocolc: wrote \(compilation.files.count) files to \(output)")
        } catch let error as SchemaError {
            throw ValidationError("\(error)")
        }
    }
}
