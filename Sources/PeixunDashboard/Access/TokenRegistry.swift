import Foundation
public import Logging
import Synchronization

/// The tokens the dashboard accepts: the token file, read again whenever it changes (its
/// modification time or size), so `peixun token` works without a restart.
public final class TokenRegistry: Sendable {
    struct Loaded: Sendable {
        var stamp: String?
        var organisations: [String: String] = [:]  // token hash → organisation code
    }

    let file: TokenFile
    let logger: Logger
    let loaded = Mutex(Loaded())

    public init(file: TokenFile, logger: Logger) {
        self.file = file
        self.logger = logger
    }

    /// The organisation `token` opens, or nil for no such token.
    public func organisation(for token: String) -> String? {
        reloadIfChanged()
        let hash = TokenFile.hash(token)
        return loaded.withLock { $0.organisations[hash] }
    }

    func reloadIfChanged() {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        let stamp = attributes.map { "\(($0[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)/\(($0[.size] as? Int) ?? 0)" }
        guard stamp != loaded.withLock({ $0.stamp }) else { return }
        do {
            let contents = try file.read()
            let organisations = Dictionary(contents.tokens.map { ($0.sha256, $0.organisationCode) }, uniquingKeysWith: { first, _ in first })
            loaded.withLock { $0 = Loaded(stamp: stamp, organisations: organisations) }
        } catch {
            // Keep the tokens read last: a half-edited file must not lock everyone out.
            logger.error("token file not reloaded", metadata: ["error": "\(error)"])
        }
    }
}
