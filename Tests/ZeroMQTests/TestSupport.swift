import Dispatch
import Foundation
import Synchronization
import ZeroMQ

/// Generous limit for anything that should happen promptly; only reached when a test is failing.
let patience: Int32 = 5_000

/// A socket whose blocking calls give up after `patience`, so a failing test fails instead of hanging.
func makeSocket(_ context: ZMQContext, _ type: ZMQSocketType) throws -> ZMQSocket {
    let socket = try context.socket(type)
    try socket.set(.receiveTimeout, patience)
    try socket.set(.sendTimeout, patience)
    return socket
}

/// Binds to a free loopback port (tests run in parallel) and returns the resolved endpoint.
func bindLoopback(_ socket: ZMQSocket) throws -> String {
    try socket.bind("tcp://127.0.0.1:*")
    return try socket.lastEndpoint
}

/// An inproc name no other test uses.
func uniqueInproc(_ label: String) -> String {
    "inproc://\(label)-\(UInt64.random(in: .min ... .max))"
}

/// Calls `publish` until `subscriber` has a message (the slow-joiner problem: a SUB misses what
/// was published before its subscription reached the publisher), then returns that message.
/// Waits in `zmq_poll` between attempts; gives up after `patience`.
func publishUntilReceived(by subscriber: ZMQSocket, _ publish: () throws -> Void) throws -> [[UInt8]]? {
    let poller = ZMQPoller()
    let item = poller.register(subscriber)
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(patience)))
    while clock.now < deadline {
        try publish()
        if try poller.poll(timeoutMilliseconds: 50) > 0, poller.isReadable(item) {
            return try subscriber.receiveMultipart(dontWait: true)
        }
    }
    return nil
}

/// Runs `body` on its own thread (for code that must block while the test goes on); the returned
/// semaphore is signalled when `body` ends.
func startThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.start()
    return done
}

/// Waits for `semaphore` up to `patience`; false if it was not signalled in time.
func waitPatiently(_ semaphore: DispatchSemaphore) -> Bool {
    semaphore.wait(timeout: .now() + .milliseconds(Int(patience))) == .success
}

/// A value shared between a test and a thread it started.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }

    func mutate(_ body: (inout Value) -> Void) {
        mutex.withLock { body(&$0) }
    }
}

extension [UInt8] {
    init(_ string: String) { self = Array(string.utf8) }
}
