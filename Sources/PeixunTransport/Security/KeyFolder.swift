import Foundation
public import ZeroMQ

/// The CURVE keys of one deployment, as `peixun keys --out DIR` writes them:
///
///     DIR/broker.key   the broker's secret key (Z85, mode 0600)
///     DIR/broker.pub   the broker's public key: every connecting process needs it
///     DIR/NAME.key     a connecting process's secret key (mode 0600)
///     DIR/NAME.pub     its public key
///     DIR/allowed      the broker's allow-list: one "NAME <public key>" a line
///
/// A machine needs only its part: the broker's host `broker.key` and `allowed`, a service's host
/// `broker.pub` and its own `NAME.key` and `NAME.pub`.
public struct KeyFolder: Sendable, Hashable {
    /// The folder.
    public let path: String

    /// The name of the broker's pair.
    public static let brokerName = "broker"
    /// The name of the key every connecting process uses unless told another.
    public static let defaultClientName = "client"
    static let allowListName = "allowed"

    public init(path: String) { self.path = path }

    /// `DIR/NAME.key` or `DIR/NAME.pub`.
    public func file(_ name: String, secret: Bool) -> String {
        URL(fileURLWithPath: path).appendingPathComponent("\(name).\(secret ? "key" : "pub")").path
    }

    /// `DIR/allowed`.
    public var allowListPath: String { URL(fileURLWithPath: path).appendingPathComponent(Self.allowListName).path }

    /// What a process connecting to the broker as `name` needs: the broker's public key and its own pair.
    public func clientKeys(name: String) throws(KeyFileError) -> ZMQCurveClientKeys {
        try Self.checkName(name)
        return ZMQCurveClientKeys(
            serverKey: try key(Self.brokerName, secret: false), publicKey: try key(name, secret: false),
            secretKey: try key(name, secret: true))
    }

    /// The broker's secret key.
    public func brokerSecretKey() throws(KeyFileError) -> ZMQCurveKey { try key(Self.brokerName, secret: true) }

    /// The broker's allow-list.
    public func allowList() throws(KeyFileError) -> AllowList {
        try AllowList(parsing: try Self.read(allowListPath), path: allowListPath)
    }

    /// The key in `DIR/NAME.key` or `.pub`.
    func key(_ name: String, secret: Bool) throws(KeyFileError) -> ZMQCurveKey {
        let path = file(name, secret: secret)
        let text = try Self.read(path).trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            return try ZMQCurveKey(z85: text)
        } catch {
            // The error's message names no key material, only what is wrong with it.
            throw KeyFileError(.malformed, path: path, "not a CURVE key: \(error.message)")
        }
    }

    static func read(_ path: String) throws(KeyFileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KeyFileError(.missing, path: path, "cannot be read (make keys with `peixun keys --out DIR`)")
        }
    }

    /// A name is a file name of letters, digits, `.`, `_` and `-` (not starting with `.`), and not
    /// one the layout uses itself.
    static func checkName(_ name: String) throws(KeyFileError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-".unicodeScalars.contains($0)
        }
        guard !name.isEmpty, allowed, !name.hasPrefix(".") else {
            throw KeyFileError(.badName, path: name, "a key name is letters, digits, '.', '_' and '-', not starting with '.'")
        }
        guard name != brokerName, name != allowListName else {
            throw KeyFileError(.badName, path: name, "'\(name)' is reserved by the key folder's layout")
        }
    }
}
