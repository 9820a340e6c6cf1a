import BenchProto
import PeixunCodec
import PeixunMessages
import PeixunTestSupport

/// Reporting: `CoverageView`, the answer to ShowCoverage and the shape of the coverage lists in
/// the monthly report and the dashboard: a repeated struct, so the list cost shows. The sample is
/// a town (小榄镇, Zhongshan) and its twelve communities, year 2024.
enum ReportingBench: CodecFamily {
    /// (name, roster members, trained members) of the town, then of each community.
    static let rows: [(String, UInt32, UInt32)] = [
        ("小榄镇", 3_412, 1_187), ("永宁社区", 296, 104), ("埒西一社区", 241, 77), ("联丰社区", 318, 121),
        ("宝丰社区", 187, 58), ("盛丰社区", 263, 96), ("绩西社区", 342, 109), ("西区社区", 228, 81),
        ("东区社区", 305, 97), ("九洲基社区", 276, 92), ("竹源社区", 214, 70), ("北秀社区", 331, 118),
        ("沙口社区", 411, 164),
    ]

    static func sample(_ random: inout SplitMix64) -> CoverageView {
        CoverageView(
            year: 2024,
            rows: rows.enumerated().map { i, row in
                CoverageRow(
                    organisation: WireUUID.random(using: &random),
                    code: i == 0 ? "442000-XL" : "442000-XL-\(i < 10 ? "0" : "")\(i)", name: row.0,
                    depth: i == 0 ? 0 : 1, rosterMembers: row.1, trainedMembers: row.2,
                    coverage: Double(row.2) / Double(row.1))
            })
    }

    static func proto(_ m: CoverageView) -> Peixun_Bench_CoverageView {
        var p = Peixun_Bench_CoverageView()
        p.year = m.year
        p.rows = m.rows.map { r in
            var q = Peixun_Bench_CoverageRow()
            q.organisation = r.organisation.protoBytes
            q.code = r.code
            q.name = r.name
            q.depth = r.depth
            q.rosterMembers = r.rosterMembers
            q.trainedMembers = r.trainedMembers
            q.coverage = r.coverage
            return q
        }
        return p
    }

    static func message(_ q: Peixun_Bench_CoverageView) throws -> CoverageView {
        CoverageView(
            year: q.year,
            rows: try q.rows.map { r in
                CoverageRow(
                    organisation: try WireUUID(protoBytes: r.organisation), code: r.code, name: r.name, depth: r.depth,
                    rosterMembers: r.rosterMembers, trainedMembers: r.trainedMembers, coverage: r.coverage)
            })
    }

    static func json(_ m: CoverageView) -> CoverageViewJSON {
        CoverageViewJSON(
            year: m.year,
            rows: m.rows.map { r in
                .init(
                    organisation: r.organisation.description, code: r.code, name: r.name, depth: r.depth,
                    rosterMembers: r.rosterMembers, trainedMembers: r.trainedMembers, coverage: r.coverage)
            })
    }

    static func message(_ j: CoverageViewJSON) throws -> CoverageView {
        CoverageView(
            year: j.year,
            rows: try j.rows.map { r in
                CoverageRow(
                    organisation: try WireUUID(json: r.organisation), code: r.code, name: r.name, depth: r.depth,
                    rosterMembers: r.rosterMembers, trainedMembers: r.trainedMembers, coverage: r.coverage)
            })
    }

    /// The year and the number of rows (the view checked every row when it was made; reading a
    /// row decodes its view again).
    static func touch(_ view: CoverageView.View) -> Int {
        Int(view.year) &+ view.rows.count
    }
}

/// The Codable mirror: uuids as text, the rows as an array of objects.
struct CoverageViewJSON: Codable, Equatable {
    struct Row: Codable, Equatable {
        var organisation: String
        var code: String
        var name: String
        var depth: UInt32
        var rosterMembers: UInt32
        var trainedMembers: UInt32
        var coverage: Double
    }
    var year: UInt32
    var rows: [Row]
}
