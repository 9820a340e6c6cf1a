import PeixunCalendar
import PeixunCodec
import PeixunMessages

/// One phase's commands: all to one service, none depending on another of the same batch (what
/// depends on them goes in a later batch), with what the demo expects back.
struct Batch {
    var name: String
    /// Part of every command id (with the command's index), so ids are stable across runs.
    var phase: UInt8
    var service: String
    var bodies: [[UInt8]]
    /// Each body's partition key (the class code of a scoring command), for a service that may be
    /// split; empty: none.
    var keys: [String] = []
    /// Each body's index in its phase (a phase sent in several batches keeps one numbering).
    var indices: [Int]
    /// Names the command in errors, by its position in the batch.
    var label: (Int) -> String
    /// The refusal the demo means to cause (nil: every command must be accepted).
    var expectedRefusal: String? = nil
    /// Refusals that mean "not yet" (a follower has not caught up): retried with a new id until
    /// accepted or `retryFor` passes.
    var retrying: Set<String> = []
    var retryFor: Duration = .seconds(60)

    init(_ name: String, phase: UInt8, service: String = "enrollment", bodies: [[UInt8]], indices: [Int]? = nil, label: @escaping (Int) -> String) {
        self.name = name
        self.phase = phase
        self.service = service
        self.bodies = bodies
        self.indices = indices ?? Array(bodies.indices)
        self.label = label
    }

    /// Enrollment commands, each sent with its partition key (used when enrollment is split).
    init<M: WireMessage & EnrollmentPartitionKeyed>(_ name: String, phase: UInt8, commands: [M], indices: [Int]? = nil, label: @escaping (Int) -> String) throws {
        self.init(name, phase: phase, bodies: try commands.map { try $0.encoded() }, indices: indices, label: label)
        keys = commands.map(\.partitionKey)
    }
}

/// The phase numbers in command ids. Never renumber: a run repeated on the same store would send
/// new ids and act twice.
enum Phase: UInt8 {
    case organisations = 1, roster, courses, instructors, plans, acknowledgements, classes, lessons, enrollments
    case checkIns, scores, exams, closing, duplicates, closingLast
}

/// The model's commands, encoded: what each phase sends.
struct DemoBatches {
    static let rosterChunk = 2_000
    let model: CityModel
    /// The demo's start: model times are seconds after it.
    let start: WireTimestamp

    func time(_ offset: Int64) -> WireTimestamp {
        WireTimestamp(microsecondsSinceEpoch: start.microsecondsSinceEpoch + offset * 1_000_000)
    }

    /// Organisations of one depth of the tree (parents are created a batch earlier).
    func organisations(depth: Int) throws -> Batch {
        let chosen = model.organisations.indices.filter { model.organisations[$0].depth == depth }
        let commands = chosen.map { index in
            let org = model.organisations[index]
            return CreateOrganisation(code: org.code, name: org.name, kind: org.kind, parentCode: org.parentCode)
        }
        return try Batch("organisations", phase: Phase.organisations.rawValue, commands: commands, indices: chosen) { [model] in
            "CreateOrganisation \(model.organisations[chosen[$0]].code)"
        }
    }

    /// The roster in chunks; with enrollment split in `partitions`, each chunk in one part per
    /// partition (a part's index is the chunk's times 1,024 plus its partition).
    func roster(partitions: Int = 1) throws -> Batch {
        let chunks = stride(from: 0, to: model.members.count, by: Self.rosterChunk).map { $0..<min($0 + Self.rosterChunk, model.members.count) }
        var parts: [(chunk: Int, index: Int, key: String, roster: ImportRoster)] = []
        for (number, chunk) in chunks.enumerated() {
            let roster = ImportRoster(entries: chunk.map { index in
                let member = model.members[index]
                return RosterEntry(
                    line: UInt32(index - chunk.lowerBound + 2), memberNumber: member.number, name: member.name, branchCode: member.branchCode,
                    categories: member.categories,
                    joinedParty: ChinaCalendar.start(year: member.joined.year, month: member.joined.month, day: member.joined.day))
            })
            let split = roster.split(into: partitions)
            for part in split {
                let index = partitions > 1 ? number * 1_024 + PartitionKey.partition(of: part.key, count: partitions) : number
                parts.append((number, index, part.key, part.roster))
            }
        }
        var batch = Batch("roster", phase: Phase.roster.rawValue, bodies: try parts.map { try $0.roster.encoded() }, indices: parts.map(\.index)) {
            "ImportRoster of members \(chunks[parts[$0].chunk].lowerBound + 1)–\(chunks[parts[$0].chunk].upperBound)"
        }
        batch.keys = parts.map(\.key)
        return batch
    }

    func courses() throws -> Batch {
        let commands = model.courses.map {
            AddCourse(code: $0.code, name: $0.name, module: $0.module, creditHours: $0.creditHours, mode: $0.mode)
        }
        return try Batch("courses", phase: Phase.courses.rawValue, commands: commands) { [model] in "AddCourse \(model.courses[$0].code)" }
    }

    func instructors() throws -> Batch {
        let commands = model.instructors.map {
            AddInstructor(code: $0.code, name: $0.name, kind: $0.kind, organisationCode: $0.organisationCode)
        }
        return try Batch("instructors", phase: Phase.instructors.rawValue, commands: commands) { [model] in "AddInstructor \(model.instructors[$0].code)" }
    }

    func plans() throws -> Batch {
        let commands = model.plans.map {
            FilePlan(
                code: $0.code, organisationCode: $0.organisationCode, level: $0.level, year: UInt32(model.year), title: $0.title,
                plannedClasses: $0.plannedClasses, plannedPeriods: $0.plannedPeriods, plannedTrainees: $0.plannedTrainees)
        }
        return try Batch("plans", phase: Phase.plans.rawValue, commands: commands) { [model] in "FilePlan \(model.plans[$0].code)" }
    }

    func acknowledgements() throws -> Batch {
        let commands = model.plans.map { AcknowledgePlan(planCode: $0.code, byOrganisationCode: $0.acknowledgedBy) }
        return try Batch("acknowledgements", phase: Phase.acknowledgements.rawValue, commands: commands) { [model] in
            "AcknowledgePlan \(model.plans[$0].code) by \(model.plans[$0].acknowledgedBy)"
        }
    }

    func classes() throws -> Batch {
        let commands = model.classes.map { trainingClass in
            ScheduleClass(
                code: trainingClass.code, name: trainingClass.name, organiserCode: trainingClass.organiserCode, planCode: trainingClass.planCode,
                targetCategories: trainingClass.targets, completionPercent: trainingClass.completionPercent,
                periods: trainingClass.periods.map { PeriodSpec(start: time($0.start), end: time($0.end), capacity: $0.capacity) },
                examPassMark: trainingClass.examPassMark)
        }
        return try Batch("classes", phase: Phase.classes.rawValue, commands: commands) { [model] in "ScheduleClass \(model.classes[$0].code)" }
    }
}
