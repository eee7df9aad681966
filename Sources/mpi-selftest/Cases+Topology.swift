import MPI

/// Split, groups and Cartesian grids, compared with the layout computed by hand.
enum TopologyCases {
  /// The 2-D factorisation MPI_Dims_create should give: as square as possible, larger first.
  static func balanced2D(_ n: Int) -> [Int] {
    let b = (1...n).filter { n % $0 == 0 && $0 * $0 <= n }.max()!
    return [n / b, b]
  }

  static let all: [SelfTestCase] = [
    SelfTestCase(name: "split-and-groups") { world, _, expect in
      let n = world.size
      let r = world.rank
      // Even and odd ranks, each group ordered by descending world rank (key = -rank).
      let part = try world.split(color: r % 2, key: -r)!
      let members = (0..<n).filter { $0 % 2 == r % 2 }.sorted(by: >)
      expect.equal(part.size, members.count, "split size")
      expect.equal(part.rank, members.firstIndex(of: r)!, "split rank ordered by key")
      expect.equal(try part.allGather(Int32(r)), members.map(Int32.init), "members of my part, in key order")
      // Only rank 0 joins: everybody else gets nil.
      let lonely = try world.split(color: r == 0 ? 0 : nil)
      expect.equal(lonely?.size, r == 0 ? 1 : nil, "MPI_UNDEFINED colour gives no communicator")
      let group = try world.group()
      expect.equal(try group.size(), n, "group size")
      expect.equal(try group.rank(), r, "group rank")
      let evens = try group.including(Array(stride(from: 0, to: n, by: 2)))
      let odds = try group.excluding(Array(stride(from: 0, to: n, by: 2)))
      expect.equal(try evens.size(), (n + 1) / 2, "Group_incl size")
      expect.equal(try odds.size(), n / 2, "Group_excl size")
      expect.equal(try evens.rank(), r % 2 == 0 ? r / 2 : nil, "rank in the even group")
      expect.equal(
        try evens.translate(Array(0..<((n + 1) / 2)), to: group),
        Array(stride(from: 0, to: n, by: 2)).map { Optional($0) },
        "Group_translate_ranks")
      if n > 1 { expect.equal(try odds.translate([0], to: evens), [nil], "a rank outside the other group") }
      expect.equal(try evens.union(odds).size(), n, "Group_union")
      expect.equal(try evens.intersection(group).size(), (n + 1) / 2, "Group_intersection")
      let evenComm = try world.create(group: evens)
      expect.equal(evenComm?.size, r % 2 == 0 ? (n + 1) / 2 : nil, "Comm_create for the even group")
      if let evenComm {
        expect.equal(
          try evenComm.allReduce(r, op: .sum), stride(from: 0, to: n, by: 2).reduce(0, +), "sum over the even ranks")
      }
    },
    SelfTestCase(name: "cartesian") { world, _, expect in
      let n = world.size
      let r = world.rank
      expect.equal(
        try CartesianCommunicator.balancedDimensions(processes: 12, dimensions: [0, 0]), balanced2D(12),
        "Dims_create 12")
      expect.equal(
        try CartesianCommunicator.balancedDimensions(processes: n, dimensions: [0, 0]), balanced2D(n), "Dims_create n")
      expect.equal(
        try CartesianCommunicator.balancedDimensions(processes: 12, dimensions: [0, 2]), [6, 2],
        "Dims_create keeps a fixed axis")
      expect.throwsMPIError(.dims, function: "MPI_Dims_create", "7 does not split with an axis of 2") {
        _ = try CartesianCommunicator.balancedDimensions(processes: 7, dimensions: [2, 0])
      }
      let grid = try world.cartesian(dimensions: [0, 0], periodic: [true, false])!
      let dims = balanced2D(n)
      expect.equal(grid.dimensions, dims, "grid dimensions")
      expect.equal(grid.periodic, [true, false], "periodic flags")
      // Without reordering, ranks go row-major over the grid.
      let mine = [r / dims[1], r % dims[1]]
      expect.equal(grid.coordinates, mine, "my coordinates")
      for other in 0..<n {
        expect.equal(try grid.coordinates(of: other), [other / dims[1], other % dims[1]], "coordinates of \(other)")
        expect.equal(try grid.rank(at: try grid.coordinates(of: other)), other, "rank at the coordinates of \(other)")
      }
      expect.equal(try grid.rank(at: [mine[0] + dims[0], mine[1]]), r, "a periodic axis wraps")
      let up = try grid.shift(axis: 0, displacement: 1)
      expect.equal(
        up.source, ((mine[0] - 1 + dims[0]) % dims[0]) * dims[1] + mine[1], "shift source on the periodic axis")
      expect.equal(
        up.destination, ((mine[0] + 1) % dims[0]) * dims[1] + mine[1], "shift destination on the periodic axis")
      let side = try grid.shift(axis: 1, displacement: 1)
      expect.equal(side.source, mine[1] == 0 ? Communicator.nullProcess : r - 1, "shift source at an open edge")
      expect.equal(
        side.destination, mine[1] == dims[1] - 1 ? Communicator.nullProcess : r + 1, "shift destination at an open edge"
      )
      let row = try grid.subgrid(keeping: [false, true])
      expect.equal(row.size, dims[1], "Cart_sub row size")
      expect.equal(row.rank, mine[1], "Cart_sub row rank")
      expect.equal(
        try row.allReduce(r, op: .sum), (0..<dims[1]).map { mine[0] * dims[1] + $0 }.reduce(0, +), "sum along my row")
      expect.throwsMPIError(.dims, function: "MPI_Cart_rank", "wrong number of coordinates") {
        _ = try grid.rank(at: [0])
      }
      expect.throwsMPIError(.dims, function: "MPI_Cart_sub", "wrong number of flags") {
        _ = try grid.subgrid(keeping: [true])
      }
      // A 1-D grid one process short leaves the last rank out.
      if n > 1 {
        let short = try world.cartesian(dimensions: [n - 1], periodic: [false])
        expect.equal(short == nil, r == n - 1, "a process beyond the grid gets nil")
      }
    },
  ]
}
