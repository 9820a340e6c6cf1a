import Foundation
import ZeroMQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension KeyFolder {
    /// What `create` did.
    public struct Created: Sendable, Hashable {
        /// Whether the broker's pair was made now (false: an existing one was kept).
        public var brokerCreated: Bool
        /// The client names whose pairs were made and allowed.
        public var clients: [String]
    }

    /// Makes the folder if needed, the broker's pair if it has none, and a pair for each of
    /// `names`, which are added to the allow-list. A secret key that exists is never replaced:
    /// an existing client name is refused (`.exists`) before anything is written.
    public func create(clients names: [String]) throws(KeyFileError) -> Created {
        for name in names {
            try Self.checkName(name)
            if FileManager.default.fileExists(atPath: file(name, secret: true)) {
                throw KeyFileError(
                    .exists, path: file(name, secret: true),
                    "exists; a secret key is never overwritten "
                        + "(remove it, its .pub and its line in \(Self.allowListName) to make a new one)")
            }
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyFileError(.writeFailed, path: path, "cannot create the folder: \(error.localizedDescription)")
        }
        let brokerCreated = !FileManager.default.fileExists(atPath: file(Self.brokerName, secret: true))
        if brokerCreated { _ = try writePair(Self.brokerName) }
        var allowed = FileManager.default.fileExists(atPath: allowListPath) ? try allowList() : AllowList()
        for name in names { allowed = allowed.adding(try writePair(name), as: name) }
        try Self.writeFile(allowed.text, to: allowListPath, mode: 0o644, replacing: true)
        return Created(brokerCreated: brokerCreated, clients: names)
    }

    /// A fresh pair as `NAME.key` (0600, created exclusively) and `NAME.pub`; returns the public key.
    private func writePair(_ name: String) throws(KeyFileError) -> ZMQCurveKey {
        let pair: (publicKey: String, secretKey: String)
        do {
            pair = try ZMQCurve.keyPair()
        } catch {
            throw KeyFileError(.writeFailed, path: file(name, secret: true), "cannot make a key pair: \(error.message)")
        }
        try Self.writeFile(pair.secretKey + "\n", to: file(name, secret: true), mode: 0o600, replacing: false)
        try Self.writeFile(pair.publicKey + "\n", to: file(name, secret: false), mode: 0o644, replacing: true)
        return try key(name, secret: false)
    }

    /// Writes `text` to `path` created with `mode` from the start (a secret is never readable by
    /// others, not even for a moment); with `replacing` false an existing file is an error.
    private static func writeFile(_ text: String, to path: String, mode: mode_t, replacing: Bool) throws(KeyFileError) {
        let flags = O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, mode)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "exists; a secret key is never overwritten" : String(cString: strerror(errno))
            throw KeyFileError(errno == EEXIST ? .exists : .writeFailed, path: path, reason)
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw KeyFileError(.writeFailed, path: path, "cannot be written: \(String(cString: strerror(errno)))")
        }
    }
}
