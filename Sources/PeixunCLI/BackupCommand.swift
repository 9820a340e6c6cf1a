import ArgumentParser
import Foundation
import PeixunDashboard
import PeixunStore

/// `peixun backup --data DIR --out DIR`: an online, consistent, verified copy of each service's
/// store, taken while the services run (`StoreBackup`), into a fresh folder.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy each service's SQLite store (online, consistent, verified) into a fresh folder.",
        discussion: """
            Each store is copied with SQLite's backup API inside one read transaction: the copy is \
            the store as of its last commit, WAL included, and the service keeps running. Followers \
            are copied before the stores they follow (archive, reporting, scoring, enrollment), so \
            the set restores together. Each copy \
            is checked with PRAGMA integrity_check before it gets its name. dashboard-tokens.json is \
            copied as it is. Nothing existing is overwritten: --out must be missing or empty. Restore \
            by stopping the service and putting the copy in its --data folder (docs/operations.md).
            """
    )

    /// The stores the service processes keep in their data folder, followers before the stores
    /// they follow: archive and reporting follow scoring and enrollment, scoring follows
    /// enrollment. A follower can only have applied what its owner had committed, so copying it
    /// first makes every cursor in the set at or behind its owner's copied head: restored
    /// together, the followers catch up by replay. (The other order could leave a follower
    /// ahead of its restored owner, and it would skip the owner's next events as already seen.)
    static let stores = ["archive", "reporting", "scoring", "enrollment"]

    @Option(help: "Folder of the services' SQLite files (their --data).")
    var data = "./peixun-data"

    @Option(help: "Folder to write the copies into; created if missing, refused unless empty.")
    var out: String

    @Option(help: "Copy only this store (enrollment, scoring, reporting or archive); repeat for more. Default: every store present.")
    var store: [String] = []

    @ArgumentParser.Flag(help: "Print one JSON object: {\"copies\":[{\"store\",\"path\",\"bytes\",\"migrations\"}], \"files\":[…]}.")
    var json = false

    func validate() throws {
        let unknown = store.filter { !Self.stores.contains($0) }
        guard unknown.isEmpty else {
            throw ValidationError("--store takes \(Self.stores.joined(separator: ", ")), not \(unknown.joined(separator: ", "))")
        }
    }

    func run() throws {
        let source = URL(fileURLWithPath: data)
        let target = URL(fileURLWithPath: out)
        let chosen = Self.stores.filter { store.isEmpty || store.contains($0) }
        let present = chosen.filter { FileManager.default.fileExists(atPath: Self.file($0, in: source)) }
        guard !present.isEmpty, store.isEmpty || present.count == chosen.count else {
            let missing = chosen.filter { !present.contains($0) }.map { Self.file($0, in: source) }
            throw ValidationError("no store to back up at \(missing.joined(separator: ", "))")
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: target.path), !existing.isEmpty {
            throw ValidationError("\(target.path) is not empty (\(existing.count) item(s)); a backup goes into a fresh folder")
        }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)

        var copies: [(store: String, copy: StoreBackup.Copy)] = []
        for name in present {
            let copy = try StoreBackup.copy(from: Self.file(name, in: source), to: Self.file(name, in: target))
            copies.append((name, copy))
        }
        // The dashboard's token hashes are a plain file, rewritten whole by rename: a copy is consistent.
        let tokens = TokenFile(data: source.path).path
        var files: [String] = []
        if FileManager.default.fileExists(atPath: tokens) {
            let copied = TokenFile(data: target.path).path
            try FileManager.default.copyItem(atPath: tokens, toPath: copied)
            files.append(copied)
        }

        if json {
            let rendered = copies.map { store, copy in
                JSONValue.object([
                    "store": .string(store), "path": .string(copy.path), "bytes": .int(Int64(copy.bytes)),
                    "migrations": .array(copy.migrations.map(JSONValue.string)),
                ])
            }
            StandardOutput.line(JSONValue.object(["copies": .array(rendered), "files": .array(files.map(JSONValue.string))]).rendered)
        } else {
            for (store, copy) in copies {
                StandardOutput.line(
                    "\(store): \(copy.path) (\(copy.bytes) bytes, integrity ok, schema \(copy.migrations.last ?? "none"))")
            }
            for file in files { StandardOutput.line("copied \(file)") }
        }
    }

    /// `<folder>/<store>.sqlite`.
    static func file(_ store: String, in folder: URL) -> String {
        folder.appendingPathComponent("\(store).sqlite").path
    }
}
