import ArgumentParser

/// `peixun`: one executable, a subcommand per process.
@main
struct Peixun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peixun",
        abstract: "Party-member education and training, as independent services over ZeroMQ.",
        subcommands: [
            UpCommand.self, DemoCommand.self, BrokerCommand.self, EnrollmentCommand.self, OrgCommand.self, MemberCommand.self,
            CourseCommand.self, InstructorCommand.self, PlanCommand.self, ClassCommand.self, EnrollCommand.self,
            CheckInCommand.self, AttendanceCommand.self, ReportingCommand.self, ReportCommand.self,
            ScoringCommand.self, ScoreCommand.self, ExamCommand.self, ExcellenceCommand.self, ArchiveCommand.self,
            StatusCommand.self, TailCommand.self, EchoWorkerCommand.self, RequestCommand.self, DashboardCommand.self,
            TokenCommand.self, BackupCommand.self, KeysCommand.self,
        ]
    )
}
