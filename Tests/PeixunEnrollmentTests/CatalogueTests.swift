import PeixunCodec
import PeixunEnrollment
import PeixunMessages
import Testing

/// The course catalogue and the instructor pool.
@Suite("Catalogue and instructors")
struct CatalogueTests {
    @Test("adding a course answers and publishes CourseAdded with its module, credit hours and mode")
    func addsCourse() throws {
        let fixture = try EnrollmentFixture()
        let added = try fixture.accept(
            AddCourse(code: "GT-01", name: "习近平新时代中国特色社会主义思想概论", module: .politicalTheory, creditHours: 2.5, mode: .live),
            as: CourseAdded.self)
        #expect(added.name == "习近平新时代中国特色社会主义思想概论")
        #expect(try fixture.events(CourseAdded.self) == [added])
        #expect(added.module == .politicalTheory && added.creditHours == 2.5 && added.mode == .live)
    }

    @Test("a course code is used once", arguments: ["GT-01", " GT-01 "])
    func courseCodeTaken(code: String) throws {
        let fixture = try EnrollmentFixture()
        _ = try fixture.accept(AddCourse(code: "GT-01", name: "党章党规党纪", module: .politicalTheory, creditHours: 1, mode: .classroom), as: CourseAdded.self)
        let refusal = try fixture.rejection(AddCourse(code: code, name: "另一门课", module: .health, creditHours: 1, mode: .online))
        #expect(refusal.code == "course.codeTaken")
        #expect(try fixture.count("courses") == 1)
    }

    @Test("credit hours outside 0.5–8 per lesson are refused", arguments: [0, -1, 8.5, .nan, .infinity])
    func creditHours(hours: Double) throws {
        let fixture = try EnrollmentFixture()
        let refusal = try fixture.rejection(AddCourse(code: "X-1", name: "课程", module: .health, creditHours: hours, mode: .online))
        #expect(refusal.code == "course.invalidCreditHours")
    }

    @Test("a course needs a code and a name", arguments: [
        (AddCourse(code: "", name: "课程", module: .health, creditHours: 1, mode: .online), "course.invalidCode"),
        (AddCourse(code: "有空格 的", name: "课程", module: .health, creditHours: 1, mode: .online), "course.invalidCode"),
        (AddCourse(code: "X-1", name: "  ", module: .health, creditHours: 1, mode: .online), "course.invalidName"),
    ])
    func courseShape(command: AddCourse, code: String) throws {
        #expect(try EnrollmentFixture().rejection(command).code == code)
    }

    @Test("an instructor joins the shared pool with a home organisation")
    func addsInstructor() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let added = try fixture.accept(
            AddInstructor(code: "T-01", name: "李娜", kind: .partySchoolTeacher, organisationCode: "442000-DX"), as: InstructorAdded.self)
        #expect(added.name == "李娜" && added.organisationCode == "442000-DX")
        #expect(try fixture.events(InstructorAdded.self) == [added])
        #expect(try fixture.rejection(AddInstructor(code: "T-01", name: "张三", kind: .localExpert, organisationCode: "442000")).code == "instructor.codeTaken")
        #expect(try fixture.rejection(AddInstructor(code: "T-02", name: "张三", kind: .localExpert, organisationCode: "NOPE")).code == "organisation.unknown")
    }
}

/// Plans filed (备案) with the superior and acknowledged by it.
@Suite("Training plans")
struct PlanTests {
    static func plan(_ code: String, by organisation: String, level: PlanLevel) -> FilePlan {
        FilePlan(
            code: code, organisationCode: organisation, level: level, year: 2024, title: "2024年度党员教育培训计划",
            plannedClasses: 12, plannedPeriods: 20, plannedTrainees: 1_500)
    }

    @Test("a county files its plan with the city, which acknowledges it")
    func fileAndAcknowledge() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let filed = try fixture.accept(Self.plan("P-2024-01", by: "442000-01", level: .county), as: PlanFiled.self)
        #expect(filed.superiorCode == "442000")
        #expect(filed.plannedTrainees == 1_500 && filed.title == "2024年度党员教育培训计划")
        let acknowledged = try fixture.accept(AcknowledgePlan(planCode: "P-2024-01", byOrganisationCode: "442000"), as: PlanAcknowledged.self)
        #expect(acknowledged.plan == filed.plan)
        #expect(try fixture.events(PlanFiled.self) == [filed])
        #expect(try fixture.events(PlanAcknowledged.self) == [acknowledged])
    }

    @Test("only the superior acknowledges a plan, once")
    func onlySuperior() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        _ = try fixture.accept(Self.plan("P-XL", by: "442000-XL", level: .grassroots), as: PlanFiled.self)
        let refusal = try fixture.rejection(AcknowledgePlan(planCode: "P-XL", byOrganisationCode: "442000"))
        #expect(refusal.code == "plan.notSuperior")
        #expect(refusal.message.contains("中山市直"))
        _ = try fixture.accept(AcknowledgePlan(planCode: "P-XL", byOrganisationCode: "442000-01"), as: PlanAcknowledged.self)
        #expect(try fixture.rejection(AcknowledgePlan(planCode: "P-XL", byOrganisationCode: "442000-01")).code == "plan.alreadyAcknowledged")
    }

    @Test("the city acknowledges its own city plan (its superior is outside the tree)")
    func cityPlan() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        let filed = try fixture.accept(Self.plan("P-CITY", by: "442000", level: .city), as: PlanFiled.self)
        #expect(filed.superior == nil)
        _ = try fixture.accept(AcknowledgePlan(planCode: "P-CITY", byOrganisationCode: "442000"), as: PlanAcknowledged.self)
    }

    @Test("the plan level must match the filing organisation", arguments: [
        ("442000", PlanLevel.county), ("442000-01", .grassroots), ("442000-XL", .county), ("442000-DX", .city),
    ])
    func wrongLevel(organisation: String, level: PlanLevel) throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        #expect(try fixture.rejection(Self.plan("P-1", by: organisation, level: level)).code == "plan.wrongLevel")
        #expect(try fixture.count("plans") == 0)
    }

    @Test("a plan code is filed once, for a plausible year")
    func codeAndYear() throws {
        let fixture = try EnrollmentFixture()
        try fixture.makeTree()
        _ = try fixture.accept(Self.plan("P-1", by: "442000-01", level: .county), as: PlanFiled.self)
        #expect(try fixture.rejection(Self.plan("P-1", by: "442000-01", level: .county)).code == "plan.codeTaken")
        var future = Self.plan("P-2", by: "442000-01", level: .county)
        future.year = 3024
        #expect(try fixture.rejection(future).code == "plan.invalidYear")
        #expect(try fixture.rejection(AcknowledgePlan(planCode: "P-9", byOrganisationCode: "442000")).code == "plan.unknown")
    }
}
