import Foundation

/// Folders of the repository, found from this file's location (not from a bundle or the
/// working directory, so the tests run the same from Xcode, `swift test` and CI).
enum Paths {
    /// …/Tests/PeixunMessagesTests
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The repository root (holds Package.swift).
    static let root = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = testsFolder.appendingPathComponent("Golden")
    static let protocols = root.appendingPathComponent("protocols")
    static let generated = root.appendingPathComponent("Sources/PeixunMessages/Generated")
    static let evolution = testsFolder.appendingPathComponent("Evolution")
    static let evolutionGenerated = testsFolder.appendingPathComponent("EvolutionGenerated")

    /// `path` relative to the repository root, for messages.
    static func relative(_ url: URL) -> String {
        let rootPath = root.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
    }
}
