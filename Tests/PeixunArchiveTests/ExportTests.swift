import Foundation
import PeixunArchive
import PeixunCodec
import PeixunMessages
import Testing

@Suite("Exports: a transcript as xAPI statements, a cabinet as CSV")
struct ExportTests {
    @Test("UUIDv5 follows RFC 9562 (its example: the DNS namespace and www.example.com)")
    func uuidVersion5() {
        let dns = WireUUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(WireUUID.version5(namespace: dns, name: Array("www.example.com".utf8)).description == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test("xAPI statements: ids are the UUIDv5 of the entry hashes, verbs follow the kind, and a re-export is identical")
    func xapi() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.zhang))
        try archive.apply(World.checkedIn(World.zhang), at: World.march(plus: 600))
        try archive.apply(World.exam(World.zhang), from: "scoring", at: World.march(plus: 80_000))
        let transcript = try archive.ask(ShowTranscript(memberNumber: "GD-0001"), as: Transcript.self)
        let statements = XAPIStatement.statements(transcript)
        #expect(statements.map(\.id) == transcript.entries.map { WireUUID.version5(namespace: .archiveStatementNamespace, name: $0.hash).description })
        #expect(statements.map(\.verb.id) == [
            "http://adlnet.gov/expapi/verbs/registered", "http://adlnet.gov/expapi/verbs/attended", "http://adlnet.gov/expapi/verbs/passed",
        ])
        let json = try XAPIStatement.json(statements)
        #expect(json.contains("\"name\" : \"张伟\""))
        #expect(json.contains("学习贯彻习近平新时代中国特色社会主义思想"))
        #expect(json.contains("\"timestamp\" : \"2024-03-05T01:00:00.000Z\""))
        #expect(json.contains("\"success\" : true"))
        let again = try XAPIStatement.json(XAPIStatement.statements(try archive.ask(ShowTranscript(memberNumber: "GD-0001"), as: Transcript.self)))
        #expect(again == json)
    }

    @Test("the cabinet CSV is UTF-8 with Chinese names as is, a header, one row per member, commas quoted")
    func cabinetCSV() throws {
        let archive = try ArchiveFixture()
        try archive.makeWorld()
        try archive.apply(World.enrolled(World.ouyang, World.plainClass, World.plainPeriod))
        try archive.apply(World.completed(World.ouyang, World.plainClass, World.plainPeriod, hours: 1.5))
        let cabinet = try archive.ask(ShowCabinet(committeeCode: "442000-XL"), as: CabinetView.self)
        let lines = CabinetCSV.render(cabinet).components(separatedBy: "\r\n")
        #expect(lines[0] == "committee_code,committee_name,member_id,name,branch_code,branch_name,entries,registration_forms,completions,credit_hours,head")
        #expect(lines[1].hasPrefix("442000-XL,小榄镇党委,GD-0001,张伟,442000-XL-01,永宁社区党支部,0,0,0,0,"))
        #expect(lines[2].hasPrefix("442000-XL,小榄镇党委,GD-0002,\"欧阳, 娜娜\",442000-XL-01,永宁社区党支部,2,1,1,1.5,"))
        #expect(lines[2].hasSuffix(hex(cabinet.members[1].head)))
        #expect(lines.count == 4 && lines[3] == "")
        #expect(try archive.refusal(ShowCabinet(committeeCode: "442000-XX")) == "archive.unknownCommittee")
    }
}
