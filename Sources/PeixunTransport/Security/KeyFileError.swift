/// A key folder that cannot be used: what is wrong, and with which file.
///
/// Never carries key material: a secret key must not reach a log or a terminal.
public struct KeyFileError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: Hashable, Sendable { case missing, malformed, exists, badName, writeFailed }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A key file or the allow-list is not there or cannot be read.
        public static var missing: Code { Code(.missing) }
        /// A file does not hold a Z85 key (or an allow-list line is not `<name> <key>`).
        public static var malformed: Code { Code(.malformed) }
        /// A secret key file already exists: it is never overwritten.
        public static var exists: Code { Code(.exists) }
        /// A key name that is not a plain file name, or is reserved (`broker`, `allowed`).
        public static var badName: Code { Code(.badName) }
        /// Creating or writing a file failed.
        public static var writeFailed: Code { Code(.writeFailed) }

        public var description: String { "\(base)" }
    }

    public let code: Code
    /// The file (or folder) concerned.
    public let path: String
    public let message: String
    public let fileID: String
    public let line: Int

    init(_ code: Code, path: String, _ message: String, fileID: String = #fileID, line: Int = #line) {
        self.code = code
        self.path = path
        self.message = message
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "\(path): \(message)" }
}
