import Foundation
import GRDB
import PeixunCalendar
import PeixunCodec
import PeixunMessages

/// Category sets as stored: their raw values, sorted, comma-separated, so equal sets compare equal.
enum StoredCategories {
    static func encode(_ categories: [MemberCategory]) -> String {
        Set(categories.map(\.rawValue)).sorted().map(String.init).joined(separator: ",")
    }

    static func decode(_ text: String) -> [MemberCategory] {
        text.split(separator: ",").compactMap { UInt32($0).flatMap(MemberCategory.init(rawValue:)) }
    }
}

/// An enum's raw value read back from the store; an unknown one means the file was damaged or
/// written by a newer version.
enum StoredEnum {
    static func decode<E: RawRepresentable>(_ value: Int64, as _: E.Type, what: String) throws -> E where E.RawValue == UInt32 {
        guard let decoded = UInt32(exactly: value).flatMap(E.init(rawValue:)) else {
            throw EnrollmentError("store.corrupt", "a stored \(what) has an unknown value \(value)")
        }
        return decoded
    }
}

extension WireTimestamp {
    /// The calendar year in China time (UTC+8), which training years follow.
    var chinaYear: UInt32 { UInt32(ChinaCalendar.year(self)) }
}
