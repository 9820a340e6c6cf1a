public import ZeroMQ

/// The client public keys the broker lets in, each with the name it was made under: the
/// `allowed` file of a key folder, one `<name> <Z85 public key>` a line (a line starting with `#` is a comment).
public struct AllowList: Sendable, Hashable {
    private var names: [ZMQCurveKey: String]

    public init(_ names: [ZMQCurveKey: String] = [:]) { self.names = names }

    /// The name `key` was allowed under, or nil for a key not in the list.
    public func name(of key: ZMQCurveKey) -> String? { names[key] }

    public var count: Int { names.count }

    /// The list in `text` (a file's contents); `path` only names the file in errors.
    public init(parsing text: String, path: String) throws(KeyFileError) {
        var names: [ZMQCurveKey: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            // A comment is a whole line: `#` is also a Z85 character, so it cannot end a key.
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard fields.count == 2, let key = try? ZMQCurveKey(z85: String(fields[1])) else {
                throw KeyFileError(.malformed, path: path, "line \(number + 1) is not '<name> <40-character Z85 public key>'")
            }
            names[key] = String(fields[0])
        }
        self.names = names
    }

    /// One line per key, sorted by name: what `parsing` reads back.
    public var text: String {
        names.map { "\($0.value) \($0.key.z85)\n" }.sorted().joined()
    }

    /// This list with `key` allowed as `name` (replacing an older key of that name).
    public func adding(_ key: ZMQCurveKey, as name: String) -> AllowList {
        var names = self.names.filter { $0.value != name }
        names[key] = name
        return AllowList(names)
    }
}
