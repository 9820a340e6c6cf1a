public import Foundation

/// Reads every `*.peixun` file in a folder and produces the generated Swift files: one per
/// schema plus the registry. Pure apart from reading the schemas, so a test can compare its
/// output with what is committed.
public struct ProtocolCompilation {
    /// Generated file name → contents.
    public let files: [String: String]

    /// - Parameters:
    ///   - protocolsDirectory: the folder holding `*.peixun` files.
    ///   - displayPrefix: how schema paths are named in generated headers (e.g. `protocols`).
    ///   - registry: whether to emit `MessageRegistry.swift`.
    public init(protocolsDirectory: URL, displayPrefix: String, registry: Bool = true) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: protocolsDirectory.path)
            .filter { $0.hasSuffix(".peixun") }
            .sorted()
        var sources: [(name: String, text: String, file: SchemaFile)] = []
        for name in names {
            let text = try String(contentsOf: protocolsDirectory.appendingPathComponent(name), encoding: .utf8)
            let file = try SchemaParser().parse(text, path: "\(displayPrefix)/\(name)")
            sources.append((name, text, file))
        }
        let parsed = sources.map(\.file)
        try SchemaChecker().check(parsed)
        let emitter = SwiftEmitter(files: parsed)
        var files: [String: String] = [:]
        for source in sources {
            let swiftName = Self.swiftFileName(forSchema: source.name)
            files[swiftName] = emitter.emit(source.file, source: source.text, schemaPath: source.file.path)
        }
        if registry { files["MessageRegistry.swift"] = emitter.emitRegistry(parsed) }
        self.files = files
    }

    /// `enrollment.peixun` → `Enrollment.swift`.
    public static func swiftFileName(forSchema name: String) -> String {
        let stem = name.dropLast(".peixun".count)
        return stem.prefix(1).uppercased() + stem.dropFirst() + ".swift"
    }

    /// Writes the files into `directory`, removing generated files no schema produces any more.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for existing in try FileManager.default.contentsOfDirectory(atPath: directory.path)
        where existing.hasSuffix(".swift") && files[existing] == nil {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(existing))
        }
        for (name, contents) in files {
            try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }
}
