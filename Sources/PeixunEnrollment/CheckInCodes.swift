import Crypto
import Foundation
public import GRDB
public import PeixunCodec

/// Rotating check-in codes: 8 digits per lesson and time window, signed with the store's own key
/// (HMAC-SHA256, truncated as HOTP does, RFC 4226), so only the service can make them and a code
/// copied from a screen stops working within two windows.
///
/// A code is valid in its window and the next one (a member who read it at the end of a window
/// still gets in), so it lives between `window` and `2 × window` seconds.
public struct CheckInCodes: Sendable {
    /// Seconds per window.
    public let window: Int64
    /// The key's bytes (`SymmetricKey` is not `Sendable`; one is made per code).
    let key: [UInt8]

    public init(key: [UInt8], window: Int64 = 30) {
        precondition(window > 0, "a check-in code window must be positive")
        self.key = key
        self.window = window
    }

    /// The key made when the store was created (`settings.checkInKey`).
    public static func load(window: Int64 = 30, from db: Database) throws -> CheckInCodes {
        guard let key = try Data.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'checkInKey'"), key.count >= 16 else {
            throw EnrollmentError("store.noCheckInKey", "the store has no check-in key (settings.checkInKey)")
        }
        return CheckInCodes(key: [UInt8](key), window: window)
    }

    /// The code for `lesson` at `time`, and the times it is valid from and until.
    public func current(lesson: WireUUID, at time: WireTimestamp) -> (code: String, validFrom: WireTimestamp, validUntil: WireTimestamp) {
        let index = windowIndex(time)
        let micros = window * 1_000_000
        return (
            code(lesson: lesson, window: index),
            WireTimestamp(microsecondsSinceEpoch: index * micros),
            WireTimestamp(microsecondsSinceEpoch: (index + 2) * micros))
    }

    /// Whether `code` is the code of `lesson` for the window of `time` or the one before.
    public func accepts(_ code: String, lesson: WireUUID, at time: WireTimestamp) -> Bool {
        let index = windowIndex(time)
        return constantTimeEqual(code, self.code(lesson: lesson, window: index))
            || constantTimeEqual(code, self.code(lesson: lesson, window: index - 1))
    }

    func windowIndex(_ time: WireTimestamp) -> Int64 {
        let seconds = time.microsecondsSinceEpoch / 1_000_000
        return seconds >= 0 ? seconds / window : (seconds - window + 1) / window
    }

    func code(lesson: WireUUID, window index: Int64) -> String {
        var message = lesson.bytes
        withUnsafeBytes(of: index.bigEndian) { message.append(contentsOf: $0) }
        let mac = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let digits = String(value % 100_000_000)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Compares without stopping at the first difference, so timing does not reveal a prefix.
    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
