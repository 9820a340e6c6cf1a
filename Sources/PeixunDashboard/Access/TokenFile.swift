import Crypto
public import Foundation

/// `<data>/dashboard-tokens.json`: one entry per token, the organisation it opens and the
/// SHA-256 of the token (the token itself is printed once and kept nowhere).
public struct TokenFile: Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public var organisationCode: String
        /// Lowercase hex SHA-256 of the token's text.
        public var sha256: String
        public var created: String
    }

    public struct Contents: Codable, Sendable, Equatable {
        public var tokens: [Entry] = []
    }

    /// Why the token file could not be used.
    public struct Problem: Error, CustomStringConvertible {
        public var path: String
        public var detail: String
        public var description: String { "token file \(path): \(detail)" }
    }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// `<data>/dashboard-tokens.json`.
    public init(data: String) {
        path = URL(fileURLWithPath: data).appendingPathComponent("dashboard-tokens.json").path
    }

    /// A new random token for `organisationCode` (32 bytes, base64url without padding), stored as
    /// its hash; returns the token.
    public func issue(for organisationCode: String, now: Date = Date()) throws -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let entry = Entry(organisationCode: organisationCode, sha256: Self.hash(token), created: ISO8601DateFormatter().string(from: now))
        try whileLocked {
            var contents = try read()
            contents.tokens.append(entry)
            try write(contents)
        }
        return token
    }

    /// Runs a read-modify-write of the file holding an exclusive `flock` on `<path>.lock`, so two
    /// `peixun token` at once both keep their token (without it, the later rename drops the other's).
    func whileLocked<T>(_ body: () throws -> T) throws -> T {
        let lockPath = path + ".lock"
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: lockPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(path: lockPath, detail: "lock file not opened (errno \(errno))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Problem(path: lockPath, detail: "not locked (errno \(errno))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// The entries; none when the file does not exist yet.
    public func read() throws -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents() }
        do {
            return try JSONDecoder().decode(Contents.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw Problem(path: path, detail: "unreadable (\(error))")
        }
    }

    /// Written to a temporary file and renamed: a reader never sees half a file.
    func write(_ contents: Contents) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try encoder.encode(contents).write(to: url, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw Problem(path: path, detail: "not written (\(error))")
        }
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
