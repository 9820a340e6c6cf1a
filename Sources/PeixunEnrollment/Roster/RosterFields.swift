import PeixunCalendar
import PeixunCodec
import PeixunMessages

/// The rules of the roster's values.
enum RosterFields {
    static let maximumNameLength = Identifier.maximumNameLength

    /// A member id or branch code: the service's rule for codes (`Identifier`).
    static func isCode(_ text: String) -> Bool { Identifier.isValid(text) }

    static let categoryWords: [String: MemberCategory] = [
        "village": .village, "村": .village,
        "community": .community, "社区": .community,
        "organ": .organ, "机关": .organ,
        "enterprise": .enterprise, "企业": .enterprise,
        "new_member": .joinedWithinThreeYears, "三年内新入党": .joinedWithinThreeYears,
        "branch_secretary": .branchSecretary, "党组织书记": .branchSecretary,
        "committee_member": .committeeMember, "党委委员": .committeeMember,
    ]

    enum CategoriesOutcome {
        case success([MemberCategory])
        /// The unknown words, in order.
        case failure([String])
    }

    /// `;`- (or `；`-) separated categories; empty items are skipped, repeats collapse.
    static func categories(_ text: String) -> CategoriesOutcome {
        var found = Set<MemberCategory>()
        var unknown: [String] = []
        for item in text.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let word = RosterText.trimmed(String(item))
            if word.isEmpty { continue }
            if let category = categoryWords[word.lowercased()] {
                found.insert(category)
            } else {
                unknown.append(word)
            }
        }
        guard unknown.isEmpty else { return .failure(unknown) }
        return .success(found.sorted { $0.rawValue < $1.rawValue })
    }

    enum DateOutcome {
        case valid(WireTimestamp)
        case invalid
        case beforeFounding
    }

    /// `YYYY-MM-DD`, a real Gregorian date, not before 1921-07-01; 00:00 China time (UTC+8) of that
    /// day, the day the member's branch recorded.
    static func date(_ text: String) -> DateOutcome {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return .invalid }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return .invalid }
        if (year, month, day) < (1921, 7, 1) { return .beforeFounding }
        return .valid(ChinaCalendar.start(year: year, month: month, day: day))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
