import MPI

/// Requests: isend / ireceive / issend, wait, test, the multi-request calls, cancel.
enum NonblockingCases {
  static let all: [SelfTestCase] = [
    SelfTestCase(name: "isend-ireceive-ring") { world, _, expect in
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      let incoming = MPIBuffer<Double>(count: 50_000)
      let outgoing = MPIBuffer(sample(rank: world.rank, count: 50_000))
      let r = try world.ireceive(into: incoming, from: left, tag: 1)
      let s = try world.isend(outgoing, to: right, tag: 1)
      expect.that(
        !r.operation.isEmpty && r.operation.contains("MPI_Irecv from rank \(left), tag 1"), "operation: \(r.operation)")
      expect.that(s.operation.contains("MPI_Isend to rank \(right), tag 1"), "operation: \(s.operation)")
      let status = try r.wait()
      try s.wait()
      expect.that(r.isComplete && s.isComplete, "complete after wait")
      expect.equal(status.source, left, "wait status source")
      expect.equal(try status.count(of: Double.self), 50_000, "wait status count")
      expect.that(incoming.array == sample(rank: left, count: 50_000), "ring data")
      // Waiting again on a completed request returns at once.
      try r.wait()
      // isend of an array sends a copy: changing the array afterwards changes nothing.
      var values = sampleInts(rank: world.rank, count: 8)
      let copy = try world.isend(values, to: right, tag: 2)
      values[0] = -1
      expect.equal(
        try world.receiveArray(Int32.self, from: left, tag: 2).values, sampleInts(rank: left, count: 8), "isend copy")
      try copy.wait()
      expect.equal(values[0], -1, "the caller's array is its own")
    },
    SelfTestCase(name: "wait-all-any-test") { world, _, expect in
      // Rank 0 receives one message from every rank (itself included) in whatever order they
      // complete, then everyone checks waitAll / testAll / testAny on a fresh round.
      var sends: [Request] = [try world.isend(sampleInts(rank: world.rank, count: 3), to: 0, tag: 4)]
      if world.rank == 0 {
        let buffers = (0..<world.size).map { _ in MPIBuffer<Int32>(count: 3) }
        let receives = try (0..<world.size).map { try world.ireceive(into: buffers[$0], from: $0, tag: 4) }
        var done = Set<Int>()
        while let (index, status) = try Request.waitAny(receives) {
          expect.equal(status.source, index, "waitAny status matches the index")
          done.insert(index)
        }
        expect.equal(done, Set(0..<world.size), "waitAny saw every request")
        for r in 0..<world.size {
          expect.equal(buffers[r].array, sampleInts(rank: r, count: 3), "waitAny data from \(r)")
        }
        expect.that(try Request.waitAny(receives) == nil, "waitAny with nothing active returns nil")
      }
      try Request.waitAll(sends)
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      let a = MPIBuffer<Double>(count: 4)
      let b = MPIBuffer<Double>(count: 4)
      let receives = [try world.ireceive(into: a, from: left, tag: 5), try world.ireceive(into: b, from: left, tag: 6)]
      sends = [
        try world.isend(sample(rank: world.rank, count: 4), to: right, tag: 6),
        try world.isend(sample(rank: world.rank, count: 4, salt: 1), to: right, tag: 5),
      ]
      var statuses: [Status]? = nil
      while statuses == nil { statuses = try Request.testAll(receives) }
      expect.equal(statuses!.map(\.tag), [5, 6], "testAll statuses in request order")
      expect.equal(a.array, sample(rank: left, count: 4, salt: 1), "tag 5 data")
      expect.equal(b.array, sample(rank: left, count: 4), "tag 6 data")
      let all = try Request.waitAll(sends)
      expect.equal(all.count, 2, "waitAll returns one status per request")
      let c = MPIBuffer<Double>(count: 1)
      let one = [try world.ireceive(into: c, from: left, tag: 7)]
      let s = try world.isend([Double(world.rank)], to: right, tag: 7)
      var any: (index: Int, status: Status)? = nil
      while any == nil { any = try Request.testAny(one) }
      expect.equal(any!.index, 0, "testAny index")
      expect.equal(c[0], Double(left), "testAny data")
      var tested: Status? = nil
      while tested == nil { tested = try s.test() }
      expect.that(s.isComplete, "test() completed the send")
    },
    SelfTestCase(name: "issend-needs-receiver", minimumRanks: 2) { world, _, expect in
      // Rank 1 posts its receive only after the barrier, which rank 0 reaches after testing:
      // a synchronous send cannot have completed by then.
      if world.rank == 0 {
        let r = try world.issend(MPIBuffer([1.0, 2.0]), to: 1, tag: 8)
        for _ in 0..<1000 { expect.that(try r.test() == nil, "Issend completed before the receive was posted") }
        try world.barrier()
        try r.wait()
        expect.that(r.isComplete, "Issend completes once received")
      } else {
        try world.barrier()
        if world.rank == 1 {
          expect.equal(try world.receiveArray(Double.self, from: 0, tag: 8).values, [1.0, 2.0], "Issend data")
        }
      }
    },
    SelfTestCase(name: "request-batch") { world, _, expect in
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      // Capacity 1, so that adding grows the batch several times.
      let batch = RequestBatch(capacity: 1)
      let incoming = (0..<3).map { _ in MPIBuffer<Int32>(count: 4) }
      for t in 0..<3 { try world.ireceive(into: incoming[t], from: left, tag: 20 + t, in: batch) }
      let outgoing = MPIBuffer(sampleInts(rank: world.rank, count: 4))
      for t in 0..<3 { try world.isend(outgoing, to: right, tag: 20 + t, in: batch) }
      expect.equal(batch.count, 6, "operations in the batch")
      let statuses = try batch.waitAllStatuses()
      expect.equal(statuses.prefix(3).map(\.tag), [20, 21, 22], "statuses in the order added")
      expect.equal(statuses.prefix(3).map(\.source), [left, left, left], "status sources")
      expect.equal(batch.count, 0, "empty after waitAllStatuses")
      for t in 0..<3 { expect.equal(incoming[t].array, sampleInts(rank: left, count: 4), "batch data, tag \(20 + t)") }
      // Reused: testAll until done, then waitAll on an empty batch.
      let one = MPIBuffer<Double>(count: 2)
      try world.ireceive(into: one, from: left, tag: 30, in: batch)
      try world.isend(MPIBuffer([Double(world.rank), 1]), to: right, tag: 30, in: batch)
      while try !batch.testAll() {}
      expect.equal(batch.count, 0, "empty after testAll returned true")
      expect.equal(one.array, [Double(left), 1], "batch reused")
      try batch.waitAll()
      expect.throwsMPIError(.rank, function: "MPI_Isend", "isend to rank size into a batch") {
        try world.isend(outgoing, to: world.size, in: batch)
      }
      expect.equal(batch.count, 0, "a failed start adds nothing")
    },
    SelfTestCase(name: "mpibuffer") { _, _, expect in
      let big = MPIBuffer<Double>(count: 1024)
      let small = MPIBuffer<Int16>(count: 3)
      let empty = MPIBuffer<UInt8>(count: 0)
      expect.equal(Int(bitPattern: big.storage.baseAddress!) % 4096, 0, "8 KiB buffer starts on a page")
      expect.equal(Int(bitPattern: small.storage.baseAddress!) % 64, 0, "small buffer on a cache line")
      expect.equal(empty.array, [], "empty buffer")
      expect.equal(big.array, [Double](repeating: 0, count: 1024), "zero-initialised")
      small.assign([7, 8])
      small[2] = 9
      expect.equal(small.array, [7, 8, 9], "assign and subscript")
      expect.equal(small.prefix(2), [7, 8], "prefix")
      expect.equal(MPIBuffer([1.5, 2.5]).array, [1.5, 2.5], "init from an array")
    },
    SelfTestCase(name: "cancel") { world, _, expect in
      // Nobody sends with tag 99: the receive can be cancelled.
      let r = try world.ireceive(into: MPIBuffer<Int32>(count: 1), from: world.rank, tag: 99)
      expect.that(try r.test() == nil, "receive with no sender is pending")
      expect.that(try r.cancel(), "cancel reports the receive as cancelled")
      expect.that(r.isComplete, "cancelled request is complete")
      expect.that(try r.cancel() == false, "cancelling a completed request does nothing")
    },
  ]
}
