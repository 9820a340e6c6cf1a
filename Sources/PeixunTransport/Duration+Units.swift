extension Duration {
    /// Whole milliseconds (rounded down), clamped to `UInt32`: how a request's deadline travels
    /// in `ClientRequest.timeoutMilliseconds`.
    public var clampedMilliseconds: UInt32 {
        UInt32(clamping: components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }

    /// Seconds with their fraction, for rates and what people read.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
