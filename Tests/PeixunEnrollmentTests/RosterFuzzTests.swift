import PeixunEnrollment
import PeixunTestSupport
import Testing

@Suite("Roster file: never traps")
struct RosterFuzzTests {
    static let valid = Array(
        ("\u{FEFF}member_id,name,branch_code,categories,joined\r\n"
            + "ZS-0001,张伟,ZS-NL-01,village;branch_secretary,1998-07-01\r\n"
            + "ZS-0002,\"欧阳,\n娜娜\",ZS-NL-01,社区,\r\n"
            + "ZS-0003,\"say \"\"hi\"\"\",B1,,2000-02-29\n").utf8)

    static func check(_ bytes: [UInt8]) {
        let parse = RosterFile.parse(bytes)
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        for problem in parse.problems {
            #expect(problem.line >= 1 && problem.line <= lines, "\(problem) in \(bytes)")
            _ = problem.description
        }
        for row in parse.rows { #expect(row.line >= 2 && row.line <= lines) }
    }

    @Test("5,000 random byte strings and mutations of a valid file parse without trapping, lines in range")
    func randomInputs() {
        var random = SplitMix64(seed: 20_240_701)
        let alphabet: [UInt8] = Array("\",\r\n;-_ aA1".utf8) + [0xE5, 0xBC, 0xA0, 0xFF, 0xC0, 0xEF, 0xBB, 0xBF]
        for round in 0..<5_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
            case 1:
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in
                    alphabet.randomElement(using: &random)!
                }
            default:
                bytes = Self.valid
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[index] = alphabet.randomElement(using: &random)!
                    case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                    default: if bytes.count > 1 { bytes.remove(at: index) }
                    }
                }
            }
            Self.check(bytes)
        }
        Self.check(Self.valid)
        #expect(RosterFile.parse(Self.valid).rows.count == 3)
    }
}
