import MPI

/// Invalid arguments come back as Swift errors with MPI's error class, and the job goes on.
enum ErrorCases {
  static let all: [SelfTestCase] = [
    SelfTestCase(name: "errors-invalid-arguments") { world, env, expect in
      let n = world.size
      expect.throwsMPIError(.rank, function: "MPI_Send", "send to rank size") { try world.send([1.0], to: n) }
      expect.throwsMPIError(.rank, function: "MPI_Send", "send to a huge rank") { try world.send(1.0, to: Int.max) }
      expect.throwsMPIError(.rank, function: "MPI_Recv", "receive from rank -7") {
        var b = [Double](repeating: 0, count: 1)
        try world.receive(into: &b, from: -7)
      }
      expect.throwsMPIError(.tag, function: "MPI_Send", "negative tag") { try world.send([1], to: 0, tag: -5) }
      expect.throwsMPIError(.root, function: "MPI_Bcast", "broadcast from root size") {
        _ = try world.broadcast(Int32(1), root: n)
      }
      expect.throwsMPIError(.root, function: "MPI_Reduce", "reduce to root -1") {
        _ = try world.reduce(1.0, op: .sum, root: -1)
      }
      expect.throwsMPIError(.root, function: "MPI_Gather", "gather to root size") {
        _ = try world.gather(Int32(1), root: n + 3)
      }
      expect.throwsMPIError(.op, function: "MPI_Allreduce", "bitwise and on doubles") {
        _ = try world.allReduce(1.5, op: .bitwiseAnd)
      }
      expect.throwsMPIError(.rank, function: "MPI_Isend", "isend to rank size") { _ = try world.isend([1], to: n) }
      expect.throwsMPIError(.rank, function: "MPI_Cart_coords", "coordinates of a missing rank") {
        _ = try world.cartesian(dimensions: [n], periodic: [false])!.coordinates(of: n)
      }
      // Errors on a duplicate come back too: it inherits MPI_ERRORS_RETURN.
      let dup = try world.duplicate()
      expect.throwsMPIError(.rank, function: "MPI_Send", "send on a duplicate to rank size") {
        try dup.send([1], to: n)
      }
      // The Swift layer's own checks. On MPI_COMM_SELF, so that a root-only check cannot leave
      // other ranks waiting in the collective.
      let me = env.selfCommunicator
      expect.throwsMPIError(.count, function: "MPI_Scatter", "scatter with the wrong element count") {
        _ = try me.scatter([1.0, 2.0, 3.0], chunk: 2)
      }
      expect.throwsMPIError(.count, function: "MPI_Scatterv", "scatterv counts that do not add up") {
        _ = try me.scatter([1.0, 2.0, 3.0], counts: [2])
      }
      expect.throwsMPIError(.count, function: "MPI_Scatterv", "one count per rank") {
        _ = try me.scatter([1.0], counts: [1, 0])
      }
      expect.throwsMPIError(.count, function: "MPI_Alltoall", "alltoall chunk mismatch") {
        _ = try me.allToAll([1, 2, 3], chunk: 2)
      }
      expect.throwsMPIError(.count, function: "MPI_Alltoallv", "alltoallv needs one array per rank") {
        _ = try me.allToAllVarying([[1.0], [2.0]])
      }
      expect.throwsMPIError(.dims, function: "MPI_Cart_create", "dimensions and flags differ") {
        _ = try me.cartesian(dimensions: [1, 1], periodic: [true])
      }
      // The world still works after all of that.
      expect.equal(try world.allReduce(1, op: .sum), n, "Allreduce after the errors")
    },
    SelfTestCase(name: "errors-truncated-receive", minimumRanks: 2) { world, _, expect in
      if world.rank == 1 {
        try world.send(sample(rank: 1, count: 10), to: 0, tag: 3)
        try world.send(sample(rank: 1, count: 10), to: 0, tag: 4)
        try world.send(sample(rank: 1, count: 10), to: 0, tag: 5)
        try world.send(sample(rank: 1, count: 2), to: 0, tag: 6)
      } else if world.rank == 0 {
        expect.throwsMPIError(.truncate, function: "MPI_Recv", "10 doubles into room for 4") {
          var small = [Double](repeating: 0, count: 4)
          try world.receive(into: &small, from: 1, tag: 3)
        }
        expect.throwsMPIError(.truncate, function: "MPI_Recv", "10 doubles into an MPIBuffer of 9") {
          try world.receive(into: MPIBuffer<Double>(count: 9), from: 1, tag: 4)
        }
        expect.throwsMPIError(.truncate, function: "MPI_Wait", "10 doubles into an ireceive of 3") {
          try world.ireceive(into: MPIBuffer<Double>(count: 3), from: 1, tag: 5).wait()
        }
        expect.throwsMPIError(.truncate, function: "MPI_Recv", "2 doubles as one value") {
          _ = try world.receive(Double.self, from: 1, tag: 6)
        }
      }
      // Both sides carry on.
      expect.equal(try world.allReduce(Int32(1), op: .sum), Int32(world.size), "Allreduce after a truncated receive")
    },
    SelfTestCase(name: "errors-descriptions") { _, _, expect in
      expect.equal(ErrorClass.rank.description, "MPI_ERR_RANK", "class name")
      expect.equal(ErrorClass(rawValue: 12345).description, "MPI error class 12345", "unknown class")
      let classes: [ErrorClass] = [
        .buffer, .count, .type, .tag, .comm, .rank, .request, .root, .group, .op, .topology, .dims, .arg,
        .unknown, .truncate, .other, .intern, .inStatus, .pending,
      ]
      expect.equal(Set(classes.map(\.rawValue)).count, classes.count, "error classes are distinct")
      expect.that(classes.allSatisfy { $0.description.hasPrefix("MPI_ERR_") }, "every class has its C name")
    },
  ]
}
