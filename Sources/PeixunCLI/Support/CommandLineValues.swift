public import ArgumentParser
import Foundation
public import PeixunCodec
public import PeixunMessages

/// Names of enum cases on the command line and in JSON answers: the schema's case names in
/// kebab case (`stateEnterprise` → `state-enterprise`), except where a shorter word is what
/// people say (check-in methods: `code`, `roster`, `live`).
enum CommandLineName {
    static let overrides: [String: String] = ["CheckInMethod.qrCode": "code", "CheckInMethod.liveStream": "live"]

    static func of(_ value: Any) -> String {
        let caseName = String(describing: value)
        if let override = overrides["\(type(of: value)).\(caseName)"] { return override }
        var kebab = ""
        for character in caseName {
            if character.isUppercase {
                kebab += "-" + character.lowercased()
            } else {
                kebab.append(character)
            }
        }
        return kebab
    }
}

/// Generated enums read from the command line by their command-line names. ArgumentParser then
/// names the option and lists the choices when a value is wrong.
protocol CommandLineEnum: CaseIterable, ExpressibleByArgument {}

extension CommandLineEnum {
    init?(commandLine text: String) {
        guard let value = Self.allCases.first(where: { CommandLineName.of($0) == text }) else { return nil }
        self = value
    }

    static var commandLineNames: [String] { allCases.map { CommandLineName.of($0) } }
}

// Each conformance states its witnesses: ArgumentParser's default for a RawRepresentable would
// otherwise read the raw number ("6") instead of the name.
extension OrganisationKind: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension MemberCategory: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension CourseModule: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension LessonMode: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension InstructorKind: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension PlanLevel: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
extension CheckInMethod: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}

/// Lesson and other ids, as printed by the commands that made them.
extension WireUUID: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Values with some structure, parsed by one function each and used through
/// `@Option(transform:)`, whose thrown error ArgumentParser reports under the option's name.
enum CommandLineValue {
    /// An ISO 8601 time, China time unless it names a zone.
    static func time(_ text: String) throws -> WireTimestamp {
        guard let time = ChinaTime.parse(text) else { throw ValidationError(timeHelp(text)) }
        return time
    }

    /// `START,END,CAPACITY`: a period of a class. A date alone as END means the end of that day.
    static func period(_ text: String) throws -> PeriodSpec {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3 else { throw ValidationError("\"\(text)\" is not START,END,CAPACITY") }
        guard let start = ChinaTime.parse(parts[0]) else { throw ValidationError(timeHelp(parts[0])) }
        guard let end = ChinaTime.parse(parts[1], endOfDay: true) else { throw ValidationError(timeHelp(parts[1])) }
        guard let capacity = UInt32(parts[2]), capacity > 0 else {
            throw ValidationError("capacity \"\(parts[2])\" is not a positive whole number")
        }
        guard start < end else { throw ValidationError("the period ends (\(parts[1])) before it starts (\(parts[0]))") }
        return PeriodSpec(start: start, end: end, capacity: capacity)
    }

    /// `CODE,NAME,CAPACITY`: a venue (the name may itself hold commas).
    static func venue(_ text: String) throws -> VenueSpec {
        guard let first = text.firstIndex(of: ","), let last = text.lastIndex(of: ","), first < last else {
            throw ValidationError("\"\(text)\" is not CODE,NAME,CAPACITY")
        }
        let code = text[..<first].trimmingCharacters(in: .whitespaces)
        let name = text[text.index(after: first)..<last].trimmingCharacters(in: .whitespaces)
        let capacityText = text[text.index(after: last)...].trimmingCharacters(in: .whitespaces)
        guard let capacity = UInt32(capacityText), capacity > 0 else {
            throw ValidationError("capacity \"\(capacityText)\" is not a positive whole number")
        }
        guard !code.isEmpty, !name.isEmpty else { throw ValidationError("\"\(text)\" needs a code and a name") }
        return VenueSpec(code: code, name: name, capacity: capacity)
    }

    /// `village,branch-secretary`: member categories, comma-separated.
    static func categories(_ text: String) throws -> [MemberCategory] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let category = MemberCategory(commandLine: name) else {
                throw ValidationError(
                    "unknown category \"\(name)\"; one of \(MemberCategory.commandLineNames.joined(separator: ", "))")
            }
            return category
        }
    }

    private static func timeHelp(_ text: String) -> String {
        "\"\(text)\" is not a date or time; write 2026-03-01, 2026-03-01T09:30 or 2026-03-01T09:30:00+08:00 "
            + "(China time unless a zone is given)"
    }
}

extension ExcellenceScope: ExpressibleByArgument, CommandLineEnum {
    public init?(argument: String) { self.init(commandLine: argument) }
    public static var allValueStrings: [String] { commandLineNames }
}
