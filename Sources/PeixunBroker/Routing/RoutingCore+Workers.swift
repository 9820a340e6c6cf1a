extension RoutingCore {
    /// READY: see ``RequestRouter/workerReady(from:service:credit:now:)``.
    mutating func workerReady(
        from peer: PeerID, service: String, credit: Int, now: RouterInstant, into steps: inout [Step]
    ) {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        let existing = workers.slot(of: peer)

        let refusal: String? =
            if let problem = serviceNameProblem(service) {
                problem
            } else if credit < 1 {
                Wording.noCredit
            } else if let existing, services.name(workers.service(existing)) != service {
                Wording.otherService
            } else {
                nil
            }
        if let refusal {
            counters.protocolErrors += 1
            steps.append(.disconnect(peer, reason: refusal))
            if let existing {
                counters.workersEvicted += 1
                dropWorkers([existing], into: &steps)
            }
            return
        }

        if let slot = existing {
            workers.touch(slot, now: self.now)
            workers.setCredit(slot, credit)
            offerIdle(slot, into: &steps)
        } else {
            let index = services.indexCreating(service)
            let slot = workers.register(peer: peer, service: index, credit: credit, now: self.now)
            services.addWorker(index, slot: slot, epoch: workers.epoch(slot))
            counters.workersRegistered += 1
            if nextHeartbeat == nil { nextHeartbeat = self.now.addingSaturating(heartbeatNanoseconds) }
            offerIdle(slot, into: &steps)
        }
    }

    /// HEARTBEAT: see ``RequestRouter/workerHeartbeat(from:now:)``.
    mutating func workerHeartbeat(from peer: PeerID, now: RouterInstant, into steps: inout [Step]) {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        if let slot = workers.slot(of: peer) {
            workers.touch(slot, now: self.now)
        } else {
            counters.unregisteredWorkerMessages += 1
            steps.append(.disconnect(peer, reason: Wording.notRegistered))
        }
    }

    /// DISCONNECT from a worker: see ``RequestRouter/workerDisconnect(from:now:)``.
    mutating func workerDisconnect(from peer: PeerID, now: RouterInstant, into steps: inout [Step]) {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        if let slot = workers.slot(of: peer) {
            counters.workersLeft += 1
            dropWorkers([slot], into: &steps)
        }
    }

    /// Time passed: see ``RequestRouter/tick(now:)``.
    mutating func tick(now: RouterInstant, into steps: inout [Step]) {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        if let due = nextHeartbeat, due <= self.now {
            for peer in workers.peersByLastHeard {
                steps.append(.heartbeat(peer))
            }
            // From now, not from `due`: after a stall the loop sends one round, not a burst.
            nextHeartbeat = self.now.addingSaturating(heartbeatNanoseconds)
        }
    }

    /// Why `name` cannot be a service name, or `nil` if it can.
    func serviceNameProblem(_ name: String) -> String? {
        if name.isEmpty { return Wording.emptyService }
        if name.utf8.count > configuration.maxServiceNameLength { return Wording.serviceTooLong }
        return nil
    }

    /// Puts a worker with free credit at the back of its service's idle queue (if it is not there
    /// already) and lets it take waiting requests.
    mutating func offerIdle(_ slot: Int, into steps: inout [Step]) {
        guard workers.hasFreeCredit(slot) else { return }
        let service = workers.service(slot)
        if !workers.isWaiting(slot) {
            workers.setWaiting(slot, true)
            services.pushIdle(service, .init(slot: slot, epoch: workers.epoch(slot)))
        }
        dispatch(service: service, into: &steps)
    }

    /// Drops workers: the requests each held go back to the front of their queue (oldest first),
    /// except those whose client was already answered, which are forgotten. Only then are the
    /// queues served again, so that no requeued request goes to another worker of the batch.
    mutating func dropWorkers(_ slots: [Int], into steps: inout [Step]) {
        var touched: Set<Int> = []
        for slot in slots {
            let worker = workers.remove(slot)
            services.removeWorker(worker.service, slot: slot, wasIdle: worker.waiting)
            touched.insert(worker.service)
            var requeue: [UInt64] = []
            for ticket in worker.inFlight {
                guard let record = records[ticket] else { continue }
                if record.answered {
                    forget(ticket, key: record.key)
                    overdueCount -= 1
                } else {
                    inFlightCount -= 1
                    records[ticket]!.state = .waiting
                    requeue.append(ticket)
                }
            }
            // Tickets are given in arrival order: the oldest request ends up at the very front.
            for ticket in requeue.sorted(by: >) {
                services.enqueueFront(worker.service, ticket: ticket)
            }
            waitingCount += requeue.count
            counters.requestsRequeued += requeue.count
        }
        if workers.count == 0 { nextHeartbeat = nil }
        // Sorted so that the order of actions does not depend on hashing.
        for service in touched.sorted() {
            dispatch(service: service, into: &steps)
            services.removeIfUnused(service)
        }
    }

    /// Drops every worker silent for liveness × heartbeat interval, telling each with DISCONNECT
    /// (a worker that was only slow then registers again rather than talking into the void).
    mutating func expireSilentWorkers(into steps: inout [Step]) {
        var silent: [Int] = []
        var cursor = workers.leastRecentlyHeard
        // The last-heard list is in expiry order, so this stops at the first worker still alive.
        while let slot = cursor, workers.lastHeard(slot).addingSaturating(expiryNanoseconds) <= now {
            silent.append(slot)
            cursor = workers.next(after: slot)
        }
        guard !silent.isEmpty else { return }
        for slot in silent {
            counters.workersExpired += 1
            steps.append(.disconnect(workers.peer(slot), reason: Wording.silent))
        }
        dropWorkers(silent, into: &steps)
    }
}
