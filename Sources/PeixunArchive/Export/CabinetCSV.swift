import Foundation
public import PeixunMessages

/// A committee's cabinet as CSV (RFC 4180, UTF-8, Chinese names as is, a header row, one row per
/// member by member number).
public enum CabinetCSV {
    public static let header = [
        "committee_code", "committee_name", "member_id", "name", "branch_code", "branch_name", "entries",
        "registration_forms", "completions", "credit_hours", "head",
    ]

    public static func render(_ cabinet: CabinetView) -> String {
        let rows = cabinet.members.map { member in
            [
                cabinet.code, cabinet.name, member.memberNumber, member.name, member.branchCode, member.branchName, "\(member.entries)",
                "\(member.registrationForms)", "\(member.completions)", hours(member.creditHours),
                member.head.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }
                    .joined(),
            ]
        }
        return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// "2", "1.5": no trailing ".0" for whole hours.
    static func hours(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String(value)
    }

    /// Quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
