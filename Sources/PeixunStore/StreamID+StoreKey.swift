public import PeixunMessages

extension StreamID {
    /// The text that names this stream in the runtime tables: `"<service>/<partition>"`, e.g.
    /// `"enrollment/0"`. The partition comes after the last slash, so a service name may itself
    /// contain one.
    public var storeKey: String { "\(service)/\(partition)" }

    /// The stream a ``storeKey`` names; nil when the text is not one.
    public init?(storeKey: String) {
        guard let slash = storeKey.lastIndex(of: "/"),
            let partition = UInt16(storeKey[storeKey.index(after: slash)...])
        else { return nil }
        self.init(service: String(storeKey[..<slash]), partition: partition)
    }
}
