import PeixunCodec
import PeixunMessages

/// Where a lesson sits in the model.
struct LessonRef {
    var trainingClass: Int
    var period: Int
    var lesson: Int
}

/// A check-in or a score: a lesson (by its position in `lessonRefs`) and an entry of it.
struct LessonEntryRef {
    var lesson: Int
    var entry: Int
}

extension CityModel {
    var lessonRefs: [LessonRef] {
        classes.indices.flatMap { c in
            classes[c].periods.indices.flatMap { p in classes[c].periods[p].lessons.indices.map { LessonRef(trainingClass: c, period: p, lesson: $0) } }
        }
    }

    func lesson(_ ref: LessonRef) -> DemoLesson { classes[ref.trainingClass].periods[ref.period].lessons[ref.lesson] }

    /// Every (class, period) pair, in model order.
    var periodRefs: [(trainingClass: Int, period: Int)] {
        classes.indices.flatMap { c in classes[c].periods.indices.map { (c, $0) } }
    }
}

extension DemoBatches {
    func lessons(_ refs: [LessonRef]) throws -> Batch {
        let commands = refs.map { ref in
            let trainingClass = model.classes[ref.trainingClass]
            let lesson = model.lesson(ref)
            return ScheduleLesson(
                classCode: trainingClass.code, periodNumber: trainingClass.periods[ref.period].number,
                courseCode: model.courses[lesson.course].code, instructorCode: model.instructors[lesson.instructor].code,
                start: time(lesson.start), end: time(lesson.end), venue: spec(lesson.venue), branchVenues: lesson.branchVenues.map(spec))
        }
        return try Batch("lessons", phase: Phase.lessons.rawValue, commands: commands) { [model] in
            "ScheduleLesson \(refs[$0].lesson + 1) of \(model.classes[refs[$0].trainingClass].code) period \(refs[$0].period + 1)"
        }
    }

    private func spec(_ venue: DemoVenue) -> VenueSpec { VenueSpec(code: venue.code, name: venue.name, capacity: venue.capacity) }

    func enrollments() throws -> Batch {
        var pairs: [(member: Int, trainingClass: Int, period: Int)] = []
        for (c, p) in model.periodRefs { for member in model.classes[c].periods[p].members { pairs.append((member, c, p)) } }
        let commands = pairs.map { pair in
            Enroll(
                memberNumber: model.members[pair.member].number, classCode: model.classes[pair.trainingClass].code,
                periodNumber: model.classes[pair.trainingClass].periods[pair.period].number)
        }
        return try Batch("enrollments", phase: Phase.enrollments.rawValue, commands: commands) { [model] in
            "Enroll \(model.members[pairs[$0].member].number) in \(model.classes[pairs[$0].trainingClass].code) period \(pairs[$0].period + 1)"
        }
    }

    /// Check-ins at `positions` of `refs` (all of the model's, in order), to the lessons booked.
    func checkIns(_ refs: [LessonEntryRef], positions: [Int], lessonRefs: [LessonRef], lessonIDs: [WireUUID]) throws -> Batch {
        let commands = positions.map { position in
            let ref = refs[position]
            let checkIn = model.lesson(lessonRefs[ref.lesson]).checkIns[ref.entry]
            return CheckIn(
                lesson: lessonIDs[ref.lesson], memberNumber: model.members[checkIn.member].number, method: checkIn.method,
                venueCode: checkIn.venueCode, source: checkIn.source, classCode: model.classes[lessonRefs[ref.lesson].trainingClass].code)
        }
        return try Batch("check-ins", phase: Phase.checkIns.rawValue, commands: commands, indices: positions) { [model] in
            let ref = refs[positions[$0]]
            return "CheckIn of \(model.members[model.lesson(lessonRefs[ref.lesson]).checkIns[ref.entry].member].number) to lesson \(lessonIDs[ref.lesson])"
        }
    }

    /// Scores at `positions` of `refs`; refused as "not attended" until scoring has seen the
    /// check-in, so those are retried.
    func scores(_ refs: [LessonEntryRef], positions: [Int], lessonRefs: [LessonRef], lessonIDs: [WireUUID], waitFor: Duration) throws -> Batch {
        let bodies = try positions.map { position in
            let ref = refs[position]
            let score = model.lesson(lessonRefs[ref.lesson]).scores[ref.entry]
            return try SubmitScore(
                lesson: lessonIDs[ref.lesson], memberNumber: model.members[score.member].number, content: score.content,
                delivery: score.delivery, usefulness: score.usefulness, comment: score.comment
            ).encoded()
        }
        var batch = Batch("scores", phase: Phase.scores.rawValue, service: "scoring", bodies: bodies, indices: positions) { [model] in
            let ref = refs[positions[$0]]
            return "SubmitScore of \(model.members[model.lesson(lessonRefs[ref.lesson]).scores[ref.entry].member].number) for lesson \(lessonIDs[ref.lesson])"
        }
        // Scoring may be split by class: each score goes to its class's partition.
        batch.keys = positions.map { model.classes[lessonRefs[refs[$0].lesson].trainingClass].code }
        batch.retrying = ["score.notAttended", "lesson.unknown", "member.unknown"]
        batch.retryFor = waitFor
        return batch
    }

    func exams() throws -> Batch {
        var entries: [(trainingClass: Int, period: Int, exam: DemoExam)] = []
        for (c, p) in model.periodRefs { for exam in model.classes[c].periods[p].exams { entries.append((c, p, exam)) } }
        let bodies = try entries.map { entry in
            try RecordExam(
                memberNumber: model.members[entry.exam.member].number, classCode: model.classes[entry.trainingClass].code,
                periodNumber: model.classes[entry.trainingClass].periods[entry.period].number, score: entry.exam.score
            ).encoded()
        }
        var batch = Batch("exams", phase: Phase.exams.rawValue, service: "scoring", bodies: bodies) { [model] in
            "RecordExam of \(model.members[entries[$0].exam.member].number) in \(model.classes[entries[$0].trainingClass].code)"
        }
        batch.keys = entries.map { model.classes[$0.trainingClass].code }
        batch.retrying = ["exam.notAttended", "class.unknown", "period.unknown", "member.unknown"]
        return batch
    }

    /// ClosePeriod for the periods of the classes that close first (`last: false`) or last.
    func closing(last: Bool) throws -> Batch {
        let all = model.periodRefs
        let chosen = all.indices.filter { model.classes[all[$0].trainingClass].closesLast == last }
        let commands = chosen.map { index in
            ClosePeriod(classCode: model.classes[all[index].trainingClass].code, periodNumber: model.classes[all[index].trainingClass].periods[all[index].period].number)
        }
        return try Batch(last ? "closing last" : "closing", phase: (last ? Phase.closingLast : .closing).rawValue, commands: commands, indices: chosen) { [model] in
            "ClosePeriod \(model.classes[all[chosen[$0]].trainingClass].code) period \(all[chosen[$0]].period + 1)"
        }
    }

    func duplicates() throws -> Batch {
        let commands = model.duplicates.map {
            Enroll(memberNumber: model.members[$0.member].number, classCode: model.classes[$0.classIndex].code, periodNumber: $0.periodNumber)
        }
        var batch = try Batch("duplicates", phase: Phase.duplicates.rawValue, commands: commands) { [model] in
            "Enroll \(model.members[model.duplicates[$0].member].number) in \(model.classes[model.duplicates[$0].classIndex].code) (a duplicate training)"
        }
        batch.expectedRefusal = "enrollment.duplicateTraining"
        return batch
    }
}
