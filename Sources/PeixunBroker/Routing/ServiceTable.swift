/// The services the router knows: each has its workers, an idle queue of workers with free credit
/// (least recently used first) and a FIFO of requests waiting for a worker.
///
/// A service exists while it has a worker or a waiting request; clients asking for made-up names
/// therefore cost memory only until those requests are answered.
struct ServiceTable: Sendable {
    /// An idle-queue entry: a worker that had free credit when it was queued.
    struct IdleEntry: Sendable {
        var slot: Int
        var epoch: UInt64
    }

    struct Service: Sendable {
        var name: String
        /// Worker slot → registration epoch.
        var workers: [Int: UInt64] = [:]
        /// Workers with free credit, least recently used first. Entries of dropped workers stay
        /// until they surface or are shed (lazy deletion); `staleIdle` counts them.
        var idle = RingDeque<IdleEntry>()
        var staleIdle = 0
        /// Tickets of waiting requests, oldest first. Entries of requests that expired while
        /// waiting stay until they surface or are shed; `waiting` counts the live ones.
        var queue = RingDeque<UInt64>()
        var waiting = 0
    }

    private var slots: [Service?] = []
    private var freeSlots: [Int] = []
    private var indexByName: [String: Int] = [:]

    init() {}

    func index(of name: String) -> Int? { indexByName[name] }

    /// Whether `index` names a service (indices of removed services are reused later).
    func contains(_ index: Int) -> Bool { index < slots.count && slots[index] != nil }

    var names: [String] { indexByName.keys.sorted() }

    func name(_ index: Int) -> String { slots[index]!.name }
    func hasWorkers(_ index: Int) -> Bool { !slots[index]!.workers.isEmpty }
    func workerSlots(_ index: Int) -> [Int] { Array(slots[index]!.workers.keys) }
    func waitingCount(_ index: Int) -> Int { slots[index]!.waiting }

    /// The service named `name`, created if new.
    mutating func indexCreating(_ name: String) -> Int {
        if let index = indexByName[name] { return index }
        let index: Int
        if let free = freeSlots.popLast() {
            index = free
            slots[index] = Service(name: name)
        } else {
            index = slots.count
            slots.append(Service(name: name))
        }
        indexByName[name] = index
        return index
    }

    /// Forgets the service if it has neither workers nor waiting requests.
    mutating func removeIfUnused(_ index: Int) {
        guard let service = slots[index], service.workers.isEmpty, service.waiting == 0 else { return }
        slots[index] = nil
        indexByName[service.name] = nil
        freeSlots.append(index)
    }

    // MARK: Workers

    mutating func addWorker(_ index: Int, slot: Int, epoch: UInt64) {
        slots[index]!.workers[slot] = epoch
    }

    /// Removes a worker; `wasIdle` says whether it left an entry in the idle queue.
    mutating func removeWorker(_ index: Int, slot: Int, wasIdle: Bool) {
        slots[index]!.workers[slot] = nil
        guard wasIdle else { return }
        slots[index]!.staleIdle += 1
        // Shed stale entries once they are most of the queue: O(n) now and then, O(1) amortised.
        let service = slots[index]!
        if service.staleIdle > 16, service.staleIdle * 2 > service.idle.count {
            let workers = service.workers
            slots[index]!.idle.retain { workers[$0.slot] == $0.epoch }
            slots[index]!.staleIdle = 0
        }
    }

    mutating func pushIdle(_ index: Int, _ entry: IdleEntry) { slots[index]!.idle.pushBack(entry) }
    mutating func pushIdleFront(_ index: Int, _ entry: IdleEntry) { slots[index]!.idle.pushFront(entry) }
    mutating func popIdle(_ index: Int) -> IdleEntry? { slots[index]!.idle.popFront() }
    mutating func staleIdleConsumed(_ index: Int) { slots[index]!.staleIdle -= 1 }

    // MARK: Waiting requests

    mutating func enqueue(_ index: Int, ticket: UInt64) {
        slots[index]!.queue.pushBack(ticket)
        slots[index]!.waiting += 1
    }

    /// Puts a request back at the front, ahead of every request that arrived later.
    mutating func enqueueFront(_ index: Int, ticket: UInt64) {
        slots[index]!.queue.pushFront(ticket)
        slots[index]!.waiting += 1
    }

    /// The oldest queue entry, which may be stale; the caller says which with ``dequeued(_:)``.
    mutating func popQueue(_ index: Int) -> UInt64? { slots[index]!.queue.popFront() }

    /// A live request left the queue by the front.
    mutating func dequeued(_ index: Int) { slots[index]!.waiting -= 1 }

    /// A waiting request left the queue by expiring; its entry stays behind until it surfaces or
    /// is shed.
    mutating func expiredWhileWaiting(_ index: Int) {
        slots[index]!.waiting -= 1
    }

    /// Whether stale entries are most of the queue, so the caller (which knows which are live)
    /// should shed them.
    func queueIsMostlyStale(_ index: Int) -> Bool {
        let count = slots[index]!.queue.count
        return count > 32 && count > 2 * slots[index]!.waiting
    }

    /// Takes the whole queue out (to filter it) and leaves an empty one.
    mutating func takeQueue(_ index: Int) -> RingDeque<UInt64> {
        let queue = slots[index]!.queue
        slots[index]!.queue = RingDeque()
        return queue
    }

    mutating func replaceQueue(_ index: Int, with queue: RingDeque<UInt64>) {
        slots[index]!.queue = queue
    }
}
