import Foundation
import PeixunCodec
import PeixunMessages

enum CodecCommand {
    static let usage = "codec <\(Family.allCases.map(\.rawValue).joined(separator: "|"))> <\(CodecCase.allCases.map(\.rawValue).joined(separator: "|"))> <iterations> [repeats]"

    /// `codec <family> <case> <iterations> [repeats]`: with repeats, a warm-up run of a tenth, then
    /// `repeats` timed runs, each printed as `ns/op`, and their median.
    static func run(_ arguments: [String]) throws {
        guard arguments.count >= 3, let family = Family(rawValue: arguments[0]),
              let which = CodecCase(rawValue: arguments[1]), let n = Int(arguments[2])
        else { fail("usage: \(usage)") }
        let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 0
        let prepared = try which.run(family, iterations: n, seed: seedFromEnvironment())
        if repeats == 0 {
            try prepared.run(n)
            return
        }
        try prepared.run(max(1, n / 10))
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = nowNanoseconds()
            try prepared.run(n)
            let elapsed = nowNanoseconds() - start
            samples.append(Double(elapsed) / Double(n))
        }
        print("ns/op \(samples.map { String(format: "%.1f", $0) }.joined(separator: " ")) median \(String(format: "%.1f", median(samples)))")
    }

    /// `sizes <family>`: bytes on the wire of each encoding (and the check that all three carry
    /// the sample), and whether the view decode checks UTF-8 (a property of the codec, not of the
    /// family: checked on MemberEnrolled).
    static func sizes(_ arguments: [String]) throws {
        guard let name = arguments.first, let family = Family(rawValue: name) else {
            fail("usage: sizes <\(Family.allCases.map(\.rawValue).joined(separator: "|"))>")
        }
        try family.visit(SizesVisitor())
        print("view_checks_utf8 \(try viewChecksUTF8() ? "yes" : "no")")
        print("verified ok")
    }

    private struct SizesVisitor: FamilyVisitor {
        func visit<F: CodecFamily>(_ family: F.Type) throws {
            let sample = try Sample<F>(seed: seedFromEnvironment())
            let problems = try sample.verify()
            guard problems.isEmpty else { fail("the encodings do not agree: \(problems.joined(separator: "; "))") }
            print("message \(F.Message.typeName)")
            print("peixun \(sample.peixunBytes.count)")
            print("protobuf \(sample.protoBytes.count)")
            print("json \(sample.jsonData.count)")
        }
    }

    /// Does the view decode reject ill-formed UTF-8 itself, or leave that to reading the string?
    /// (The owned decode must reject it: fails the run if not.)
    private static func viewChecksUTF8() throws -> Bool {
        var sample = try Sample<EnrollmentBench>(seed: seedFromEnvironment()).peixun
        sample.className = "QZ"
        var bad = try sample.encoded()
        guard let at = (0..<(bad.count - 2)).first(where: { bad[$0] == 2 && bad[$0 + 1] == 0x51 && bad[$0 + 2] == 0x5A })
        else { fail("could not place the ill-formed string") }
        bad[at + 1] = 0xC0  // an overlong encoding of "/": never valid UTF-8
        bad[at + 2] = 0xAF
        let viewRejects = (try? bad.withUnsafeBytes { try MemberEnrolled.view($0) }) == nil
        let ownedRejects = (try? MemberEnrolled(decoding: bad)) == nil
        guard ownedRejects else { fail("MemberEnrolled(decoding:) accepted ill-formed UTF-8") }
        return viewRejects
    }
}

func seedFromEnvironment() -> UInt64 {
    if let text = ProcessInfo.processInfo.environment["PEIXUN_BENCH_SEED"], let seed = UInt64(text) { return seed }
    return 20_240_311
}
