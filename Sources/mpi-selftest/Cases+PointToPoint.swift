import Foundation
import MPI

#if canImport(Glibc)
  import Glibc
#endif

/// Environment, communicators and blocking point-to-point calls.
enum PointToPointCases {
  static let all: [SelfTestCase] = [
    SelfTestCase(name: "environment") { world, _, expect in
      expect.that(Environment.isActive, "MPI is active inside the environment")
      // mpirun tells every process its rank and the job size; MPI must agree.
      let vars = ProcessInfo.processInfo.environment
      expect.equal(world.rank, Int(vars["OMPI_COMM_WORLD_RANK"] ?? "") ?? -1, "rank vs OMPI_COMM_WORLD_RANK")
      expect.equal(world.size, Int(vars["OMPI_COMM_WORLD_SIZE"] ?? "") ?? -1, "size vs OMPI_COMM_WORLD_SIZE")
      var host = [CChar](repeating: 0, count: 256)
      gethostname(&host, host.count)
      let name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      expect.equal(Environment.processorName, name, "processor name vs gethostname")
      expect.that(
        Environment.standardVersion == (3, 1), "Open MPI 4.1 implements MPI 3.1, got \(Environment.standardVersion)")
      expect.that(
        Environment.libraryVersion.hasPrefix("Open MPI v4.1"),
        "library version: \(Environment.libraryVersion.prefix(40))")
      let t0 = Environment.wtime()
      usleep(20_000)
      let elapsed = Environment.wtime() - t0
      expect.that(elapsed >= 0.015 && elapsed < 5, "wtime advanced by \(elapsed) s over a 20 ms sleep")
      expect.that(Environment.wtick() > 0 && Environment.wtick() < 1e-3, "wtick \(Environment.wtick())")
    },
    SelfTestCase(name: "environment-thread-level") { _, env, expect in
      // The selftest asks for .funneled; Open MPI 4.1 here grants up to .multiple.
      expect.that(env.threadLevel >= .funneled, "granted \(env.threadLevel), asked .funneled")
      expect.throwsMPIError(.other, function: "MPI_Init_thread", "a second environment") { _ = try Environment() }
    },
    SelfTestCase(name: "communicator") { world, env, expect in
      expect.equal(env.selfCommunicator.size, 1, "MPI_COMM_SELF size")
      expect.equal(env.selfCommunicator.rank, 0, "MPI_COMM_SELF rank")
      expect.equal(try world.errorHandling(), .returnErrors, "world's error handler at start-up")
      expect.equal(try env.selfCommunicator.errorHandling(), .returnErrors, "self's error handler at start-up")
      try world.barrier()
      expect.equal(try world.compare(with: world), .identical, "world vs itself")
      let dup = try world.duplicate()
      expect.equal(try world.compare(with: dup), .congruent, "world vs its duplicate")
      expect.equal(dup.rank, world.rank, "rank in the duplicate")
      expect.equal(dup.size, world.size, "size of the duplicate")
      expect.equal(
        try world.compare(with: env.selfCommunicator), world.size == 1 ? .congruent : .unequal, "world vs self")
      expect.equal(try dup.errorHandling(), .returnErrors, "the duplicate inherits MPI_ERRORS_RETURN")
      // Same tag on two communicators: each receive gets its own communicator's message.
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      let onDup = try dup.isend([Int32(1000 + world.rank)], to: right, tag: 5)
      let onWorld = try world.isend([Int32(world.rank)], to: right, tag: 5)
      expect.equal(try world.receive(Int32.self, from: left, tag: 5), Int32(left), "message on world")
      expect.equal(try dup.receive(Int32.self, from: left, tag: 5), Int32(1000 + left), "message on the duplicate")
      try Request.waitAll([onDup, onWorld])
      try world.setErrorHandling(.fatal)
      expect.equal(try world.errorHandling(), .fatal, "after setErrorHandling(.fatal)")
      try world.setErrorHandling(.returnErrors)
      expect.equal(try world.errorHandling(), .returnErrors, "after setErrorHandling(.returnErrors)")
    },
    SelfTestCase(name: "send-receive", minimumRanks: 2) { world, _, expect in
      // Pairs (0,1), (2,3): even ranks send first. An odd last rank sits out.
      let partner = world.rank % 2 == 0 ? world.rank + 1 : world.rank - 1
      guard partner < world.size else { return }
      let mine = sample(rank: world.rank, count: 100)
      var got = [Double](repeating: -1, count: 100)
      if world.rank % 2 == 0 {
        try world.send(mine, to: partner, tag: 3)
        let status = try world.receive(into: &got, from: partner, tag: 4)
        expect.equal(status.source, partner, "status.source")
        expect.equal(status.tag, 4, "status.tag")
      } else {
        try world.receive(into: &got, from: partner, tag: 3)
        try world.send(mine, to: partner, tag: 4)
      }
      expect.equal(got, sample(rank: partner, count: 100), "array from the partner")
      // One value each way, every MPIElement scalar kind.
      if world.rank % 2 == 0 {
        try world.send(Int8(-7), to: partner)
        try world.send(UInt16(65000), to: partner)
        try world.send(Int64.min, to: partner)
        try world.send(UInt64.max, to: partner)
        try world.send(Float(1.5), to: partner)
        try world.send(true, to: partner)
        try world.send([Int16.min, 0, Int16.max], to: partner)
        try world.send([UInt32.max, 1], to: partner)
        try world.send([UInt8](0..<200), to: partner)
        try world.send([Int](-3...3), to: partner)
        try world.send([UInt(12)], to: partner)
        try world.send([false, true, true], to: partner)
      } else {
        expect.equal(try world.receive(Int8.self, from: partner), -7, "Int8")
        expect.equal(try world.receive(UInt16.self, from: partner), 65000, "UInt16")
        expect.equal(try world.receive(Int64.self, from: partner), Int64.min, "Int64")
        expect.equal(try world.receive(UInt64.self, from: partner), UInt64.max, "UInt64")
        expect.equal(try world.receive(Float.self, from: partner), 1.5, "Float")
        expect.equal(try world.receive(Bool.self, from: partner), true, "Bool")
        expect.equal(try world.receiveArray(Int16.self, from: partner).values, [Int16.min, 0, Int16.max], "[Int16]")
        expect.equal(try world.receiveArray(UInt32.self, from: partner).values, [UInt32.max, 1], "[UInt32]")
        expect.equal(try world.receiveArray(UInt8.self, from: partner).values, [UInt8](0..<200), "[UInt8]")
        expect.equal(try world.receiveArray(Int.self, from: partner).values, [Int](-3...3), "[Int]")
        expect.equal(try world.receiveArray(UInt.self, from: partner).values, [UInt(12)], "[UInt]")
        expect.equal(try world.receiveArray(Bool.self, from: partner).values, [false, true, true], "[Bool]")
      }
    },
    SelfTestCase(name: "buffers-status-count", minimumRanks: 2) { world, _, expect in
      // Rank 0 receives from every other rank, in arrival order, into one buffer bigger than any
      // message; the status says who sent how much.
      if world.rank == 0 {
        let buffer = MPIBuffer<Int32>(count: 64)
        var seen: [Int: [Int32]] = [:]
        for _ in 1..<world.size {
          let status = try world.receive(into: buffer, from: Communicator.anySource, tag: Communicator.anyTag)
          let n = try status.count(of: Int32.self)
          expect.equal(status.tag, 10 + status.source, "tag from rank \(status.source)")
          seen[status.source] = buffer.prefix(n)
        }
        for r in 1..<world.size {
          expect.equal(seen[r] ?? [], sampleInts(rank: r, count: r * 5), "message from rank \(r)")
        }
      } else {
        try world.send(MPIBuffer(sampleInts(rank: world.rank, count: world.rank * 5)), to: 0, tag: 10 + world.rank)
      }
      // Only now may rank 1 send with other tags: the loop above takes any tag.
      try world.barrier()
      // A message of 3 bytes is not a whole number of Int16s.
      if world.rank == 1 { try world.send([UInt8](repeating: 9, count: 3), to: 0, tag: 1) }
      if world.rank == 0 {
        var bytes = [UInt8](repeating: 0, count: 8)
        let status = try world.receive(into: &bytes, from: 1, tag: 1)
        expect.equal(try status.count(of: UInt8.self), 3, "byte count")
        expect.throwsMPIError(.type, function: "MPI_Get_count", "3 bytes counted as Int16") {
          _ = try status.count(of: Int16.self)
        }
      }
      // An empty message cannot be received as one value.
      if world.rank == 1 { try world.send([Double](), to: 0, tag: 2) }
      if world.rank == 0 {
        expect.throwsMPIError(.count, function: "MPI_Recv", "empty message as one value") {
          _ = try world.receive(Double.self, from: 1, tag: 2)
        }
      }
    },
    SelfTestCase(name: "synchronous-and-probe", minimumRanks: 2) { world, _, expect in
      if world.rank == 0 {
        // Nothing is sent with tag 77 before the barrier, so nothing can be pending.
        expect.that(try world.probeIfAvailable(from: 1, tag: 77) == nil, "Iprobe before anything was sent")
        try world.barrier()
        var status: Status? = nil
        while status == nil { status = try world.probeIfAvailable(from: 1, tag: 77) }
        expect.equal(try status!.count(of: Double.self), 5, "Iprobe count")
        let probed = try world.probe(from: Communicator.anySource, tag: 78)
        expect.equal(probed.source, 1, "Probe source")
        var a = [Double](repeating: 0, count: 5)
        try world.receive(into: &a, from: 1, tag: 77)
        let (b, status78) = try world.receiveArray(Double.self, from: Communicator.anySource, tag: 78)
        expect.equal(a, sample(rank: 1, count: 5), "after Iprobe")
        expect.equal(b, sample(rank: 1, count: 7, salt: 1), "Mprobe/Mrecv")
        expect.equal(status78.tag, 78, "Mrecv status tag")
        var c = [Int32](repeating: 0, count: 4)
        try world.receive(into: &c, from: 1, tag: 79)
        expect.equal(c, sampleInts(rank: 1, count: 4), "after Ssend")
      } else {
        try world.barrier()
        if world.rank == 1 {
          try world.send(sample(rank: 1, count: 5), to: 0, tag: 77)
          try world.send(sample(rank: 1, count: 7, salt: 1), to: 0, tag: 78)
          try world.synchronousSend(sampleInts(rank: 1, count: 4), to: 0, tag: 79)
        }
      }
    },
    SelfTestCase(name: "sendrecv-ring") { world, _, expect in
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      // 100 000 doubles: far beyond the eager limit, so only a paired exchange can work.
      let mine = sample(rank: world.rank, count: 100_000)
      var got = [Double](repeating: 0, count: 100_000)
      let status = try world.sendReceive(mine, to: right, sendTag: 1, into: &got, from: left, receiveTag: 1)
      expect.equal(status.source, left, "Sendrecv source")
      expect.that(got == sample(rank: left, count: 100_000), "Sendrecv ring data")
      var inPlace = sampleInts(rank: world.rank, count: 10)
      try world.sendReceiveReplace(&inPlace, to: right, sendTag: 2, from: left, receiveTag: 2)
      expect.equal(inPlace, sampleInts(rank: left, count: 10), "Sendrecv_replace")
      // Communication with MPI_PROC_NULL completes at once and moves nothing.
      var untouched = [Double](repeating: 42, count: 3)
      let nullStatus = try world.sendReceive(
        mine, to: Communicator.nullProcess, into: &untouched, from: Communicator.nullProcess)
      expect.equal(untouched, [42, 42, 42], "receive from nullProcess leaves the buffer alone")
      expect.equal(nullStatus.source, Communicator.nullProcess, "status.source after nullProcess")
      expect.equal(try nullStatus.count(of: Double.self), 0, "count after nullProcess")
    },
  ]
}
