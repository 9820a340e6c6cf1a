extension RoutingCore {
    /// REQUEST from a client: see ``RequestRouter/clientRequest(from:service:requestID:timeout:body:now:)``.
    /// Returns the ticket of an accepted request, whose body the caller must keep until the
    /// request is answered; `nil` when the request was refused or dropped.
    mutating func clientRequest(
        from client: PeerID,
        service: String,
        requestID: RequestID,
        timeout: Duration,
        now: RouterInstant,
        into steps: inout [Step]
    ) -> UInt64? {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        let key = RequestKey(client: client, requestID: requestID)

        if let ticket = ticketsByKey[key], records[ticket]?.answered == false {
            counters.duplicateRequestsDropped += 1
            return nil
        }
        counters.requestsReceived += 1
        let timeoutNanoseconds = timeout.saturatingNanoseconds
        let refusal: String? =
            if ticketsByKey[key] != nil {
                Wording.requestIDHeld
            } else if let problem = serviceNameProblem(service) {
                problem
            } else if timeoutNanoseconds == 0 {
                Wording.noTimeout
            } else {
                nil
            }
        if let refusal {
            counters.protocolErrors += 1
            counters.requestsFailedInvalid += 1
            steps.append(.reply(ticket: nil, key, .invalid, detail: refusal))
            return nil
        }

        let ticket = nextTicket
        nextTicket += 1
        let deadline = self.now.addingSaturating(min(timeoutNanoseconds, maxTimeoutNanoseconds))
        let index = services.indexCreating(service)
        records[ticket] = Record(key: key, service: index, deadline: deadline, state: .waiting)
        ticketsByKey[key] = ticket
        deadlines.insert(deadline: deadline, ticket: ticket)
        services.enqueue(index, ticket: ticket)
        waitingCount += 1
        dispatch(service: index, into: &steps)
        return ticket
    }

    /// REPLY from a worker: see ``RequestRouter/workerReply(from:requestID:client:body:now:)``.
    /// An `ok` step carries the ticket; the caller attaches the worker's reply body.
    mutating func workerReply(
        from peer: PeerID,
        requestID: RequestID,
        client: PeerID,
        now: RouterInstant,
        into steps: inout [Step]
    ) {
        catchUp(to: now, into: &steps)
        defer { settleDeadlines() }
        guard let slot = workers.slot(of: peer) else {
            counters.unregisteredWorkerMessages += 1
            counters.unknownRepliesDropped += 1
            steps.append(.disconnect(peer, reason: Wording.notRegistered))
            return
        }
        workers.touch(slot, now: self.now)
        let key = RequestKey(client: client, requestID: requestID)
        guard let ticket = ticketsByKey[key], let record = records[ticket],
            record.state == .inFlight(slot: slot, epoch: workers.epoch(slot))
        else {
            counters.unknownRepliesDropped += 1
            return
        }

        forget(ticket, key: key)
        workers.removeInFlight(slot, ticket: ticket)
        if record.answered {
            overdueCount -= 1
            counters.lateRepliesDropped += 1
        } else {
            inFlightCount -= 1
            counters.requestsReplied += 1
            steps.append(.reply(ticket: ticket, key, .ok, detail: ""))
        }
        offerIdle(slot, into: &steps)
    }

    /// Sends waiting requests of a service to its idle workers until one side runs out.
    ///
    /// Afterwards a service never has both a waiting request and a worker with free credit, so a
    /// new request can only wait if every worker is busy. O(1) amortised per request sent.
    mutating func dispatch(service index: Int, into steps: inout [Step]) {
        while services.waitingCount(index) > 0 {
            guard let slot = takeIdleWorker(of: index) else { return }
            guard let ticket = takeWaitingRequest(of: index) else {
                // Unreachable while `waiting` counts truly; keep the worker's place regardless.
                services.pushIdleFront(index, .init(slot: slot, epoch: workers.epoch(slot)))
                return
            }
            let epoch = workers.epoch(slot)
            records[ticket]!.state = .inFlight(slot: slot, epoch: epoch)
            workers.addInFlight(slot, ticket: ticket)
            waitingCount -= 1
            inFlightCount += 1
            counters.requestsDispatched += 1
            // Round-robin: a worker with credit left goes to the back, behind its peers.
            if workers.hasFreeCredit(slot) {
                services.pushIdle(index, .init(slot: slot, epoch: epoch))
            } else {
                workers.setWaiting(slot, false)
            }
            steps.append(
                .request(ticket: ticket, to: workers.peer(slot), records[ticket]!.key, service: services.name(index))
            )
        }
    }

    /// The least recently used worker of the service with free credit, taken off the idle queue
    /// (its `waiting` flag stays set: the caller puts it back or clears it).
    mutating func takeIdleWorker(of index: Int) -> Int? {
        while let entry = services.popIdle(index) {
            guard workers.isCurrent(slot: entry.slot, epoch: entry.epoch) else {
                services.staleIdleConsumed(index)
                continue
            }
            if workers.hasFreeCredit(entry.slot) { return entry.slot }
            // Its credit was lowered by a new READY below what it holds; a reply will requeue it.
            workers.setWaiting(entry.slot, false)
        }
        return nil
    }

    /// The oldest waiting request of the service, skipping entries of requests that expired.
    mutating func takeWaitingRequest(of index: Int) -> UInt64? {
        while let ticket = services.popQueue(index) {
            if records[ticket]?.state == .waiting {
                services.dequeued(index)
                return ticket
            }
        }
        return nil
    }

    /// Forgets a request entirely.
    mutating func forget(_ ticket: UInt64, key: RequestKey) {
        records[ticket] = nil
        ticketsByKey[key] = nil
    }
}
