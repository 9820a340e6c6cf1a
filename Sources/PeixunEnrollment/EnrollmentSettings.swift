/// What an enrollment service's operator chooses (command-line flags of `peixun enrollment`).
public struct EnrollmentSettings: Sendable, Hashable {
    /// Seconds before a lesson starts and after it ends during which check-ins are still taken.
    public var checkInGraceSeconds: Int64
    /// Seconds per check-in code window (a code lives one to two windows).
    public var codeWindowSeconds: Int64

    public init(checkInGraceSeconds: Int64 = 15 * 60, codeWindowSeconds: Int64 = 30) {
        self.checkInGraceSeconds = checkInGraceSeconds
        self.codeWindowSeconds = codeWindowSeconds
    }
}
