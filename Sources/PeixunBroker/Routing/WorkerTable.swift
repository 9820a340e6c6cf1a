/// The registered workers, in slots so that everything after the one lookup by routing id is an
/// array index, and threaded on a list by when each was last heard from.
///
/// The list's head is the worker that has been silent longest, so the next expiry is O(1) to find
/// and refreshing a worker is O(1) (move to the tail): no scan of all workers per message or tick.
struct WorkerTable: Sendable {
    struct Worker: Sendable {
        var peer: PeerID
        /// Unique per registration, so that an idle-queue entry left by a dropped worker never
        /// matches a later worker that reuses its slot or its routing id.
        var epoch: UInt64
        /// The service's index in the ``ServiceTable``.
        var service: Int
        var credit: Int
        /// Tickets of the requests this worker holds, including ones whose client was already
        /// answered `timeout`: the worker is still busy with them, so they still use its credit.
        var inFlight: Set<UInt64> = []
        var lastHeard: UInt64
        /// Whether an entry for this worker sits in its service's idle queue (at most one does).
        var waiting = false
        /// Neighbours on the last-heard list (slot indices, -1 for none).
        var older = -1
        var newer = -1
    }

    private var slots: [Worker?] = []
    private var freeSlots: [Int] = []
    private var slotByPeer: [PeerID: Int] = [:]
    private var nextEpoch: UInt64 = 1
    private var oldest = -1
    private var newest = -1

    init() {}

    var count: Int { slotByPeer.count }

    func slot(of peer: PeerID) -> Int? { slotByPeer[peer] }

    /// The worker silent the longest, whose expiry comes first.
    var leastRecentlyHeard: Int? { oldest < 0 ? nil : oldest }

    func peer(_ slot: Int) -> PeerID { slots[slot]!.peer }
    func epoch(_ slot: Int) -> UInt64 { slots[slot]!.epoch }
    func service(_ slot: Int) -> Int { slots[slot]!.service }
    func credit(_ slot: Int) -> Int { slots[slot]!.credit }
    func inFlightCount(_ slot: Int) -> Int { slots[slot]!.inFlight.count }
    func lastHeard(_ slot: Int) -> UInt64 { slots[slot]!.lastHeard }
    func isWaiting(_ slot: Int) -> Bool { slots[slot]!.waiting }

    func hasFreeCredit(_ slot: Int) -> Bool {
        slots[slot]!.inFlight.count < slots[slot]!.credit
    }

    /// Whether `slot` still holds the registration `epoch` refers to.
    func isCurrent(slot: Int, epoch: UInt64) -> Bool {
        slot < slots.count && slots[slot]?.epoch == epoch
    }

    /// Adds a worker as the most recently heard; returns its slot.
    mutating func register(peer: PeerID, service: Int, credit: Int, now: UInt64) -> Int {
        let worker = Worker(peer: peer, epoch: nextEpoch, service: service, credit: credit, lastHeard: now)
        nextEpoch += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = worker
        } else {
            slot = slots.count
            slots.append(worker)
        }
        slotByPeer[peer] = slot
        linkNewest(slot)
        return slot
    }

    /// Removes a worker and returns what it held.
    mutating func remove(_ slot: Int) -> Worker {
        unlink(slot)
        let worker = slots[slot].take()!
        slotByPeer[worker.peer] = nil
        freeSlots.append(slot)
        return worker
    }

    /// The next worker on the last-heard list (heard from later than `slot`).
    func next(after slot: Int) -> Int? {
        let newer = slots[slot]!.newer
        return newer < 0 ? nil : newer
    }

    /// Records that the worker was heard from at `now`: it moves to the tail of the list.
    mutating func touch(_ slot: Int, now: UInt64) {
        slots[slot]!.lastHeard = now
        guard slot != newest else { return }
        unlink(slot)
        linkNewest(slot)
    }

    mutating func setCredit(_ slot: Int, _ credit: Int) { slots[slot]!.credit = credit }
    mutating func setWaiting(_ slot: Int, _ waiting: Bool) { slots[slot]!.waiting = waiting }
    mutating func addInFlight(_ slot: Int, ticket: UInt64) { slots[slot]!.inFlight.insert(ticket) }
    mutating func removeInFlight(_ slot: Int, ticket: UInt64) { slots[slot]!.inFlight.remove(ticket) }

    /// Routing ids from least to most recently heard.
    var peersByLastHeard: [PeerID] {
        var peers: [PeerID] = []
        peers.reserveCapacity(count)
        var slot = oldest
        while slot >= 0 {
            peers.append(slots[slot]!.peer)
            slot = slots[slot]!.newer
        }
        return peers
    }

    private mutating func linkNewest(_ slot: Int) {
        slots[slot]!.older = newest
        slots[slot]!.newer = -1
        if newest >= 0 { slots[newest]!.newer = slot } else { oldest = slot }
        newest = slot
    }

    private mutating func unlink(_ slot: Int) {
        let older = slots[slot]!.older
        let newer = slots[slot]!.newer
        if older >= 0 { slots[older]!.newer = newer } else { oldest = newer }
        if newer >= 0 { slots[newer]!.older = older } else { newest = older }
        slots[slot]!.older = -1
        slots[slot]!.newer = -1
    }
}
