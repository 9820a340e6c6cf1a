import PeixunTransport
import Logging
import ZeroMQ

/// The event bus: an XSUB socket that publishers connect to and an XPUB socket that subscribers
/// connect to, joined by a forwarding loop on one thread.
///
/// Written by hand rather than with `zmq_proxy` so that it counts what it forwards and drops, and
/// forwards frames without copying them (`send(frames:)` hands libzmq the received buffers).
struct BusProxy {
    let configuration: BusConfiguration
    let counters: SharedValue<BusCounters>
    let logger: Logger

    /// Bound sockets, created on the thread that runs the loop.
    struct Sockets {
        let xsub: ZMQSocket
        let xpub: ZMQSocket
    }

    func bind(context: ZMQContext, security: BrokerSecurity?) throws(ZMQError) -> Sockets {
        let xsub = try context.socket(.xsub)
        try xsub.secure(security)
        try xsub.set(.receiveHighWaterMark, configuration.receiveHighWaterMark)
        try xsub.bind(configuration.publisherEndpoint)
        let xpub = try context.socket(.xpub)
        try xpub.secure(security)
        try xpub.set(.sendHighWaterMark, configuration.sendHighWaterMark)
        // Pass every subscription upstream, also repeats, so publishers that join later learn them.
        try xpub.set(.xpubVerbose, true)
        if configuration.dropCounted { try xpub.set(.xpubNoDrop, true) }
        try xpub.bind(configuration.subscriberEndpoint)
        return Sockets(xsub: xsub, xpub: xpub)
    }

    /// Forwards until the context is shut down (ETERM), then returns.
    func run(_ sockets: Sockets) throws(ZMQError) {
        let poller = ZMQPoller()
        let fromPublishers = poller.register(sockets.xsub, for: .readable)
        let fromSubscribers = poller.register(sockets.xpub, for: .readable)
        let frames = ZMQFrames(capacity: 8)
        var delta = BusCounters()
        do {
            while true {
                // The timeout only bounds how stale the shared counters get; it is not a spin.
                if try poller.poll(timeoutMilliseconds: 200) > 0 {
                    if poller.isReadable(fromPublishers) {
                        try drain(from: sockets.xsub, to: sockets.xpub, frames: frames, delta: &delta, events: true)
                    }
                    if poller.isReadable(fromSubscribers) {
                        try drain(from: sockets.xpub, to: sockets.xsub, frames: frames, delta: &delta, events: false)
                    }
                }
                counters.update { $0.add(delta) }
                delta = BusCounters()
            }
        } catch where error.isTerminated {
            counters.update { $0.add(delta) }
        }
    }

    /// Moves what is waiting on `source` (up to a batch, to stay fair to the other direction).
    private func drain(
        from source: ZMQSocket, to destination: ZMQSocket, frames: ZMQFrames, delta: inout BusCounters, events: Bool
    ) throws(ZMQError) {
        for _ in 0..<1024 {
            do {
                guard try source.receiveMultipart(into: frames, dontWait: true) else { return }
            } catch where error.code == .tooManyFrames {
                delta.malformedMessages += 1
                continue
            }
            let sent = try destination.send(frames: frames, dontWait: true)
            switch (events, sent) {
            case (true, true): delta.messagesForwarded += 1
            case (true, false): delta.messagesDropped += 1
            case (false, _): delta.subscriptionsForwarded += 1
            }
        }
    }
}
