import MPI

/// Collectives and reductions, each compared with the same result computed serially from the
/// data every rank can generate for every other rank.
enum CollectiveCases {
  /// Block sizes for `total` items on `size` ranks: the first `total % size` get one more.
  static func blockCounts(_ total: Int, _ size: Int) -> [Int] {
    (0..<size).map { total / size + ($0 < total % size ? 1 : 0) }
  }

  static let all: [SelfTestCase] = [
    SelfTestCase(name: "broadcast") { world, _, expect in
      for root in 0..<world.size {
        var values = world.rank == root ? sample(rank: root, count: 33) : [Double](repeating: 0, count: 33)
        try world.broadcast(&values, root: root)
        expect.equal(values, sample(rank: root, count: 33), "Bcast from root \(root)")
        expect.equal(
          try world.broadcast(Int32(world.rank * 11), root: root), Int32(root * 11), "Bcast one value from \(root)")
      }
      let root = world.size - 1
      let arrayRoot = try world.broadcastArray(world.rank == root ? sampleInts(rank: root, count: 17) : nil, root: root)
      expect.equal(arrayRoot, sampleInts(rank: root, count: 17), "broadcastArray")
    },
    SelfTestCase(name: "scatter-gather") { world, _, expect in
      let n = world.size
      let everything = (0..<n).flatMap { sample(rank: $0, count: 4) }
      let chunk = try world.scatter(world.rank == 0 ? everything : [], chunk: 4, root: 0)
      expect.equal(chunk, sample(rank: world.rank, count: 4), "Scatter chunk")
      // Uneven: 3n + 1 items, so there is always a remainder.
      let total = 3 * n + 1
      let counts = blockCounts(total, n)
      let items = sampleInts(rank: 7, count: total)
      let mine = try world.scatter(world.rank == n - 1 ? items : [], counts: counts, root: n - 1)
      let start = counts[..<world.rank].reduce(0, +)
      expect.equal(mine, Array(items[start..<start + counts[world.rank]]), "Scatterv block")
      let gathered = try world.gather(sample(rank: world.rank, count: 2), root: 0)
      expect.equal(gathered, world.rank == 0 ? (0..<n).flatMap { sample(rank: $0, count: 2) } : nil, "Gather")
      let one = try world.gather(Int64(world.rank * world.rank), root: n - 1)
      expect.equal(one, world.rank == n - 1 ? (0..<n).map { Int64($0 * $0) } : nil, "Gather one value")
      let varying = try world.gatherVarying(sampleInts(rank: world.rank, count: world.rank), root: 0)
      expect.equal(varying, world.rank == 0 ? (0..<n).map { sampleInts(rank: $0, count: $0) } : nil, "Gatherv")
      expect.equal(
        try world.allGather(sample(rank: world.rank, count: 3)), (0..<n).flatMap { sample(rank: $0, count: 3) },
        "Allgather")
      expect.equal(try world.allGather(Int32(world.rank)), (0..<n).map(Int32.init), "Allgather one value")
      expect.equal(
        try world.allGatherVarying(sampleInts(rank: world.rank, count: 2 * world.rank + 1)),
        (0..<n).map { sampleInts(rank: $0, count: 2 * $0 + 1) }, "Allgatherv")
    },
    SelfTestCase(name: "all-to-all") { world, _, expect in
      let n = world.size
      // Element j*2 ..< j*2+2 goes to rank j: value encodes (from, to, k).
      let outgoing = (0..<n).flatMap { to in (0..<2).map { Int32(world.rank * 100 + to * 10 + $0) } }
      let incoming = try world.allToAll(outgoing, chunk: 2)
      expect.equal(
        incoming, (0..<n).flatMap { from in (0..<2).map { Int32(from * 100 + world.rank * 10 + $0) } }, "Alltoall")
      // Varying: rank r sends (r + j) % 3 values to rank j.
      let parts = (0..<n).map { to in (0..<(world.rank + to) % 3).map { Double(world.rank * 100 + to * 10 + $0) } }
      let received = try world.allToAllVarying(parts)
      expect.equal(
        received,
        (0..<n).map { from in (0..<(from + world.rank) % 3).map { Double(from * 100 + world.rank * 10 + $0) } },
        "Alltoallv")
    },
    SelfTestCase(name: "reductions") { world, _, expect in
      let n = world.size
      let r = world.rank
      let values = sample(rank: r, count: 5)
      let serialSum = (0..<5).map { i in (0..<n).map { sample(rank: $0, count: 5)[i] }.reduce(0, +) }
      expect.equal(try world.reduce(values, op: .sum, root: 0), r == 0 ? serialSum : nil, "Reduce sum")
      expect.equal(try world.allReduce(values, op: .sum), serialSum, "Allreduce sum")
      expect.equal(
        try world.allReduce(Int64(r + 1), op: .product), (1...n).reduce(Int64(1)) { $0 * Int64($1) },
        "Allreduce product")
      expect.equal(try world.allReduce(Double(r) - 1.5, op: .max), Double(n - 1) - 1.5, "Allreduce max")
      expect.equal(
        try world.reduce(Int32(10 - r), op: .min, root: n - 1), r == n - 1 ? Int32(10 - (n - 1)) : nil, "Reduce min")
      expect.equal(try world.allReduce(r != 1, op: .logicalAnd), n < 2, "Allreduce logical and")
      expect.equal(try world.allReduce(r == n - 1, op: .logicalOr), true, "Allreduce logical or")
      expect.equal(try world.allReduce(true, op: .logicalXor), n % 2 == 1, "Allreduce logical xor")
      expect.equal(
        try world.allReduce(UInt32(1) << UInt32(r), op: .bitwiseOr), UInt32((1 << n) - 1), "Allreduce bitwise or")
      expect.equal(
        try world.allReduce(UInt8(0xFF) ^ UInt8(1 << r), op: .bitwiseAnd), UInt8(0xFF) ^ UInt8((1 << n) - 1),
        "Allreduce bitwise and")
      expect.equal(
        try world.allReduce(UInt16(r + 1), op: .bitwiseXor), (1...n).reduce(UInt16(0)) { $0 ^ UInt16($1) },
        "Allreduce bitwise xor")
      expect.equal(try world.scan(Int64(r + 1), op: .sum), Int64((r + 1) * (r + 2) / 2), "Scan")
      expect.equal(try world.scan([Double(r), 1], op: .sum), [Double(r * (r + 1) / 2), Double(r + 1)], "Scan array")
      expect.equal(try world.exclusiveScan(Int32(r + 1), op: .sum), r == 0 ? nil : Int32(r * (r + 1) / 2), "Exscan")
      // Ties in MAXLOC go to the lowest rank: every rank but the last holds the same maximum.
      let tied = ValueAndRank(r == n - 1 && n > 1 ? -1 : 7.5, rank: r)
      expect.equal(try world.allReduce(tied, op: .maxLocation), ValueAndRank(7.5, rank: 0), "MAXLOC with a tie")
      // Values (3 r) mod (n + 1) + 0.5; the serial minimum, ties going to the lower rank.
      let value = { (rank: Int) -> Double in Double((rank * 3) % (n + 1)) + 0.5 }
      let least = try world.allReduce(ValueAndRank(value(r), rank: r), op: .minLocation)
      let serialRank = (0..<n).min { value($0) < value($1) }!
      expect.equal(least, ValueAndRank(value(serialRank), rank: serialRank), "MINLOC")
    },
    SelfTestCase(name: "custom-ops") { world, _, expect in
      let n = world.size
      let r = world.rank
      // x -> a x + b (mod p), composed in rank order: associative, not commutative, so MPI must
      // keep the ranks in order. (a, b) then (c, d) gives (c a, c b + d).
      let p: Int64 = 1_000_003
      func then(_ f: SIMD2<Int64>, _ g: SIMD2<Int64>) -> SIMD2<Int64> {
        SIMD2((g.x * f.x) % p, (g.x * f.y + g.y) % p)
      }
      let map = { (rank: Int) in SIMD2<Int64>(Int64(2 + rank), Int64(3 * rank + 1)) }
      let compose = try Op.custom(commutative: false) { (lower: SIMD2<Int64>, higher: SIMD2<Int64>) in
        then(lower, higher)
      }
      let serial = (1..<n).reduce(map(0)) { then($0, map($1)) }
      expect.equal(try world.allReduce(map(r), op: compose), serial, "non-commutative user op, all ranks")
      expect.equal(try world.reduce(map(r), op: compose, root: n - 1), r == n - 1 ? serial : nil, "user op Reduce")
      expect.equal(
        try world.scan(map(r), op: compose), (1..<(r + 1)).reduce(map(0)) { then($0, map($1)) }, "user op Scan")
      // A commutative op on a struct type: keep the element with the larger weight.
      let heavier = try Op.custom(commutative: true) { (a: Sample, b: Sample) in a.weight >= b.weight ? a : b }
      let mine = Sample(weight: Float((r * 5) % (n + 2)), id: Int32(r))
      let best = (0..<n).map { Sample(weight: Float(($0 * 5) % (n + 2)), id: Int32($0)) }.max { $0.weight < $1.weight }!
      expect.equal(try world.allReduce(mine, op: heavier).weight, best.weight, "user op on a struct")
      // Only a fixed number of custom operations can be alive at once.
      var held: [Op] = [compose, heavier]
      for _ in 0..<(UserOpSlots.capacity - 2) {
        held.append(try Op.custom(commutative: true) { (a: Int32, b: Int32) in a &+ b })
      }
      expect.throwsMPIError(.op, function: "MPI_Op_create", "one custom op too many") {
        _ = try Op.custom(commutative: true) { (a: Int32, b: Int32) in a &* b }
      }
      expect.equal(try world.allReduce(Int32(r), op: held.last!), Int32(n * (n - 1) / 2), "the last slot works")
      held.removeAll()
      // Freed slots are reusable.
      let again = try Op.custom(commutative: true) { (a: Int32, b: Int32) in Swift.max(a, b) }
      expect.equal(try world.allReduce(Int32(r), op: again), Int32(n - 1), "a slot freed and reused")
    },
  ]
}

/// A small struct described to MPI field by field.
struct Sample: MPIElement, Equatable {
  var weight: Float
  var id: Int32

  static var mpiDatatype: Datatype {
    Datatype.cached(for: Sample.self) {
      try Datatype.structure(
        [
          .init(offset: MemoryLayout<Sample>.offset(of: \.weight)!, type: .float),
          .init(offset: MemoryLayout<Sample>.offset(of: \.id)!, type: .int32),
        ], extent: MemoryLayout<Sample>.stride)
    }
  }
}
