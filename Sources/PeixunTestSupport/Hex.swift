import Foundation

/// Bytes from hex text: pairs of digits; whitespace and `#` comment lines are ignored.
public func parseHex(_ text: String) -> [UInt8]? {
    var digits: [UInt8] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
        for byte in line.utf8 where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
    }
    guard digits.count % 2 == 0 else { return nil }
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// Lower-case hex, bytes separated by spaces, `perLine` bytes a line.
public func hexText(_ bytes: [UInt8], perLine: Int = .max) -> String {
    var lines: [String] = []
    var index = 0
    while index < bytes.count {
        let line = bytes[index..<min(index + perLine, bytes.count)]
        lines.append(line.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " "))
        index += perLine
    }
    return lines.joined(separator: "\n")
}

/// Bytes from hex text written in a test (a typo there is a bug in the test, so it traps).
public func hexBytes(_ text: String) -> [UInt8] {
    guard let bytes = parseHex(text) else { preconditionFailure("not hex: \(text)") }
    return bytes
}
