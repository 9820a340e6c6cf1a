import Foundation
import PeixunCodec

/// The partition key of each enrollment command when enrollment is split (docs/architecture.md,
/// "Scaling one service"): the code that makes what it creates or changes unique, so that every
/// uniqueness rule is decided inside one partition. Everything about a class (its periods,
/// lessons, enrollments, check-ins, closing) goes with its class code. Clients send this key;
/// the service checks that the command reached the partition of it.
public protocol EnrollmentPartitionKeyed {
    var partitionKey: String { get }
}

extension CreateOrganisation: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension AddCourse: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension AddInstructor: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension FilePlan: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension AcknowledgePlan: EnrollmentPartitionKeyed { public var partitionKey: String { planCode } }
extension ScheduleClass: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension ScheduleLesson: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension Enroll: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension CancelEnrollment: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension CheckIn: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension ClosePeriod: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension ShowCheckInCode: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }

extension ImportRoster {
    /// A roster's entries grouped by the partition of their member numbers, each group with a key
    /// that routes it there (its first member number); one group when `count` is 1. A split
    /// enrollment takes a roster per partition: each part is checked and written on its own.
    public func split(into count: Int) -> [(key: String, roster: ImportRoster)] {
        guard count > 1 else { return entries.isEmpty ? [] : [(entries[0].memberNumber, self)] }
        var groups: [Int: [RosterEntry]] = [:]
        for entry in entries {
            groups[PartitionKey.partition(of: entry.memberNumber.trimmingCharacters(in: .whitespaces), count: count), default: []].append(entry)
        }
        return groups.keys.sorted().map { partition in
            var part = self
            part.entries = groups[partition]!
            return (part.entries[0].memberNumber.trimmingCharacters(in: .whitespaces), part)
        }
    }
}

// Queries: every partition of a split enrollment holds every row, so any partition answers;
// they are routed by what they name. A check-in code is the exception (keyed above): each
// partition signs its own lessons' codes.
extension ShowMember: EnrollmentPartitionKeyed { public var partitionKey: String { memberNumber } }
extension ShowOrganisationTree: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension ShowClass: EnrollmentPartitionKeyed { public var partitionKey: String { code } }
extension ListEnrollments: EnrollmentPartitionKeyed { public var partitionKey: String { classCode } }
extension ShowAttendance: EnrollmentPartitionKeyed { public var partitionKey: String { lesson.description } }
