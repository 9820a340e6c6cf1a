import Foundation
import PeixunCodec
import PeixunMessages
import PeixunScoring
import PeixunStore
import Testing

/// Scoring split by class code (docs/scoring.md, "Split into partitions"). With 3 partitions,
/// the week's DX-01 falls in partition 1 and XL-01 in partition 2; the store here is partition 1.
@Suite("Scoring split into partitions")
struct PartitionTests {
    static let partition = ScoringPartition(index: 1, count: 3)

    @Test("the classes of the week fall where this suite says")
    func placement() {
        #expect(PartitionKey.partition(of: "DX-01", count: 3) == 1)
        #expect(PartitionKey.partition(of: "XL-01", count: 3) == 2)
        #expect(Self.partition.owns(classCode: "DX-01") && !Self.partition.owns(classCode: "XL-01"))
        #expect(ScoringPartition.whole.owns(classCode: "XL-01"))
    }

    @Test("a partition refuses scores and exams of another partition's class, naming the right partition, and writes nothing")
    func otherPartitionRefused() throws {
        let (fixture, world) = try World.make(partition: Self.partition)
        try world.checkIn(0, at: world.lessonThursday, fixture)
        let score = try fixture.rejection(World.score(0, world.lessonThursday, 5, 5, 5))
        #expect(score.code == "scoring.otherPartition")
        #expect(score.message.contains("class XL-01 belongs to scoring partition 2 of 3, not 1"), "\(score.message)")
        let exam = try fixture.rejection(RecordExam(memberNumber: World.memberNumbers[0], classCode: "XL-01", periodNumber: 1, score: 90))
        #expect(exam.code == "scoring.otherPartition")
        #expect(try fixture.count("scores") == 0 && fixture.count("exams") == 0 && fixture.outbox().isEmpty)
    }

    @Test("its own class's scores are taken and published on its own stream, without a partial instructor rating; excellence is refused as no partition's to give")
    func ownClass() throws {
        let (fixture, world) = try World.make(partition: Self.partition)
        try world.checkIn(0, at: world.lessonMonday, fixture)
        let recorded = try fixture.accept(World.score(0, world.lessonMonday, 5, 5, 4), as: ScoreRecorded.self)
        #expect(recorded.excellent)
        let outbox = try fixture.outbox()
        #expect(outbox.map(\.envelope.stream) == [StreamID(service: "scoring", partition: 1)])
        #expect(outbox.map(\.eventType) == [ScoreRecorded.typeID], "no InstructorRatingUpdated from one partition")
        #expect(try fixture.queryRejection(ShowExcellence(scope: .instructor, code: "T-01")).code == "scoring.partitioned")
    }

    @Test("every partition learns of every completion; only the class's own partition confirms it")
    func completionsByClass() throws {
        // Partition 2 holds XL-01 (with an exam) and not DX-01 (without: confirmed on completion
        // alone when scoring is whole, as CompletionTests shows).
        let (fixture, world) = try World.make(partition: ScoringPartition(index: 2, count: 3))
        try world.checkIn(0, at: world.lessonThursday, fixture)
        _ = try fixture.accept(CompletionTests.exam(0, score: 80), as: ExamRecorded.self)
        for (period, trainingClass, organiser) in [
            (world.periodDX, world.classDX, world.partySchool), (world.periodXL, world.classXL, world.townSchool),
        ] {
            try fixture.apply(CompletionTests.completed(world, 0, period: period, trainingClass: trainingClass, organiser: organiser))
        }
        #expect(try fixture.count("period_completions") == 2)
        #expect(try fixture.events(CompletionConfirmed.self).map(\.trainingClass) == [world.classXL])
    }
}
