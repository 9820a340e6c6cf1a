import Dispatch
import Testing
import ZeroMQ

@Suite("Publish/subscribe and the XPUB/XSUB proxy")
struct PubSubTests {
    @Test("A SUB receives only topics it subscribed to")
    func topicPrefixFiltering() throws {
        let context = try ZMQContext()
        let pub = try makeSocket(context, .pub)
        let sub = try makeSocket(context, .sub)
        try sub.subscribe("课程.")
        try sub.connect(try bindLoopback(pub))

        let first = try #require(
            try publishUntilReceived(by: sub) {
                try pub.sendMultipart([[UInt8]("通知.other"), [UInt8]("ignored")])
                try pub.sendMultipart([[UInt8]("课程.warmup"), [UInt8]("body")])
            })
        #expect(first == [[UInt8]("课程.warmup"), [UInt8]("body")])

        // Now that the subscription is in place, publish a non-matching then a matching topic;
        // everything that arrives up to the marker must match the prefix.
        try pub.sendMultipart([[UInt8]("通知.late"), [UInt8]("ignored")])
        try pub.sendMultipart([[UInt8]("课程.final"), [UInt8]("marker")])
        while true {
            let message = try #require(try sub.receiveMultipart())
            #expect(message[0].starts(with: [UInt8]("课程.")))
            if message[0] == [UInt8]("课程.final") { break }
        }
    }

    @Test("An XPUB receives the subscription message: 0x01 then the prefix")
    func xpubSeesSubscription() throws {
        let context = try ZMQContext()
        let xpub = try makeSocket(context, .xpub)
        let sub = try makeSocket(context, .sub)
        try sub.connect(try bindLoopback(xpub))
        try sub.subscribe("events.")

        let subscription = try #require(try xpub.receive())
        #expect(subscription == [0x01] + [UInt8]("events."))

        try sub.unsubscribe("events.")
        let unsubscription = try #require(try xpub.receive())
        #expect(unsubscription == [0x00] + [UInt8]("events."))
    }

    @Test("A proxy loop between XSUB and XPUB forwards subscriptions up and messages down")
    func xsubXpubProxy() throws {
        let context = try ZMQContext()
        let frontend = uniqueInproc("xsub")
        let backend = uniqueInproc("xpub")
        let subscriptionsSeen = Locked<[[UInt8]]>([])
        let proxyError = Locked<ZMQError?>(nil)
        let bound = DispatchSemaphore(value: 0)

        let done = startThread {
            do {
                let xsub = try context.socket(.xsub)
                try xsub.bind(frontend)
                let xpub = try context.socket(.xpub)
                try xpub.bind(backend)
                bound.signal()
                let poller = ZMQPoller()
                let fromPublishers = poller.register(xsub)
                let fromSubscribers = poller.register(xpub)
                let frames = ZMQFrames()
                while true {
                    _ = try poller.poll(timeoutMilliseconds: -1)
                    if poller.isReadable(fromPublishers) {
                        while try xsub.receiveMultipart(into: frames, dontWait: true) {
                            try xpub.send(frames: frames)
                        }
                    }
                    if poller.isReadable(fromSubscribers) {
                        while try xpub.receiveMultipart(into: frames, dontWait: true) {
                            let subscription = frames.bytes(0)
                            subscriptionsSeen.mutate { $0.append(subscription) }
                            try xsub.send(frames: frames)
                        }
                    }
                }
            } catch let error as ZMQError {
                proxyError.value = error
            } catch {}
        }
        // Whatever happens below, stop the proxy thread rather than leave it blocked in poll.
        defer { context.shutdown() }
        try #require(waitPatiently(bound), "the proxy bound its endpoints")

        let pub = try makeSocket(context, .pub)
        try pub.connect(frontend)
        let sub = try makeSocket(context, .sub)
        try sub.connect(backend)
        try sub.subscribe("考勤.")

        let message = try #require(
            try publishUntilReceived(by: sub) {
                try pub.sendMultipart([[UInt8]("考勤.签到"), [], [UInt8]("payload")])
            })
        #expect(message == [[UInt8]("考勤.签到"), [], [UInt8]("payload")])
        #expect(subscriptionsSeen.value.contains([0x01] + [UInt8]("考勤.")))

        context.shutdown()
        #expect(waitPatiently(done), "the proxy loop stops when the context shuts down")
        #expect(proxyError.value?.isTerminated == true)
    }
}
