/// The hard limits of the wire format (protocols/README.md, "Limits"). A decoder rejects anything
/// beyond them before allocating; an encoder refuses to produce what a decoder would reject.
public enum WireLimits {
    /// Largest encoded message (one frame): 16 MiB.
    public static let maxMessageBytes = 16 << 20
    /// Longest string, in UTF-8 bytes: 1 MiB.
    public static let maxStringBytes = 1 << 20
    /// Longest bytes field: 16 MiB (bounded by the message anyway).
    public static let maxBytesLength = 16 << 20
    /// Most elements in one list.
    public static let maxListCount = 1 << 20
    /// Deepest nesting of structs inside a message (the message itself is depth 0).
    public static let maxNesting = 32
}
