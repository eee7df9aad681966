import MPI

/// Derived datatypes: sizes and extents, columns, resized columns, structs and SIMD vectors,
/// and the bounds check on explicit-datatype calls.
enum DatatypeCases {
  /// A row-major matrix whose entries say where they are: 1000 * rank + 10 * row + column.
  static func matrix(rank: Int, rows: Int, columns: Int) -> [Double] {
    (0..<rows * columns).map { Double(rank * 1000 + ($0 / columns) * 10 + $0 % columns) }
  }

  static func columnOf(_ m: [Double], _ j: Int, rows: Int, columns: Int) -> [Double] {
    (0..<rows).map { m[$0 * columns + j] }
  }

  static let all: [SelfTestCase] = [
    SelfTestCase(name: "datatype-layout") { _, _, expect in
      expect.equal(try Double.mpiDatatype.size(), 8, "MPI_DOUBLE size")
      expect.equal(try Int.mpiDatatype.size(), MemoryLayout<Int>.size, "Int size")
      expect.equal(try Bool.mpiDatatype.size(), MemoryLayout<Bool>.size, "Bool size")
      expect.equal(try SIMD3<Float>.mpiDatatype.size(), 12, "SIMD3<Float> carries 12 bytes")
      expect.equal(
        try SIMD3<Float>.mpiDatatype.extent().extent, MemoryLayout<SIMD3<Float>>.stride, "SIMD3<Float> extent")
      expect.equal(
        try SIMD2<Double>.mpiDatatype.extent().extent, MemoryLayout<SIMD2<Double>>.stride, "SIMD2<Double> extent")
      expect.equal(
        try ValueAndRank.mpiDatatype.extent().extent, MemoryLayout<ValueAndRank>.stride, "MPI_DOUBLE_INT extent")
      expect.equal(try Particle.mpiDatatype.size(), 3 * 4 + 4 + 8, "Particle carries its fields, not the padding")
      expect.equal(try Particle.mpiDatatype.extent().extent, MemoryLayout<Particle>.stride, "Particle extent")
      expect.that(Particle.mpiDatatype == Particle.mpiDatatype, "the cached type is made once")
      let column = try Datatype.vector(count: 4, blockLength: 1, stride: 6, of: .double)
      expect.equal(try column.size(), 32, "column size")
      expect.equal(try column.extent().extent, (3 * 6 + 1) * 8, "column extent")
      let resized = try Datatype.resized(column, extent: 8)
      expect.equal(try resized.extent().extent, 8, "resized extent")
      expect.equal(try resized.trueExtent().extent, (3 * 6 + 1) * 8, "resized true extent")
      expect.equal(try Datatype.contiguous(5, of: .int32).size(), 20, "contiguous size")
      expect.that(Datatype.byte != Datatype.double, "predefined types differ")
    },
    SelfTestCase(name: "datatype-column-and-halo") { world, _, expect in
      let rows = 5
      let columns = 6
      let right = (world.rank + 1) % world.size
      let left = (world.rank + world.size - 1) % world.size
      let column = try Datatype.vector(count: rows, blockLength: 1, stride: columns, of: .double)
      let m = matrix(rank: world.rank, rows: rows, columns: columns)
      // An empty exchange with MPI_PROC_NULL completes at once.
      var got = [Double](repeating: 0, count: rows)
      let r = try world.sendReceive(
        within: &got, sendingFrom: 0, count: 0, datatype: .double, to: Communicator.nullProcess,
        receivingAt: 0, count: 0, datatype: .double, from: Communicator.nullProcess)
      expect.equal(r.source, Communicator.nullProcess, "empty Sendrecv")
      // Column 4 of my matrix to the right neighbour, received as 5 contiguous doubles.
      if world.size > 1 {
        if world.rank % 2 == 0 {
          try world.send(m, startingAt: 4, count: 1, datatype: column, to: right, tag: 1)
          try world.receive(into: &got, count: rows, datatype: .double, from: left, tag: 1)
        } else {
          try world.receive(into: &got, count: rows, datatype: .double, from: left, tag: 1)
          try world.send(m, startingAt: 4, count: 1, datatype: column, to: right, tag: 1)
        }
        expect.equal(
          got, columnOf(matrix(rank: left, rows: rows, columns: columns), 4, rows: rows, columns: columns),
          "column type, received contiguously")
      }
      // In place: send my column 1 right, receive the left neighbour's column 1 into my column 5.
      var halo = m
      try world.sendReceive(
        within: &halo, sendingFrom: 1, count: 1, datatype: column, to: right, sendTag: 2,
        receivingAt: 5, count: 1, datatype: column, from: left, receiveTag: 2)
      var expected = m
      let theirs = columnOf(matrix(rank: left, rows: rows, columns: columns), 1, rows: rows, columns: columns)
      for i in 0..<rows { expected[i * columns + 5] = theirs[i] }
      expect.equal(halo, expected, "in-place column halo")
      // The bounds check: a column starting at column 2 of a 5 x 6 matrix fits, but two of
      // them, or one starting past the end, do not.
      expect.throwsMPIError(.buffer, function: "MPI_Send", "two columns from a one-column start") {
        try world.send(m, startingAt: 5, count: 2, datatype: column, to: right)
      }
      expect.throwsMPIError(.buffer, function: "MPI_Recv", "column past the end") {
        var short = [Double](repeating: 0, count: 20)
        try world.receive(into: &short, count: 1, datatype: column, from: left)
      }
      expect.throwsMPIError(.buffer, function: "MPI_Sendrecv", "offset outside the array") {
        try world.sendReceive(
          within: &halo, sendingFrom: 31, count: 1, datatype: .double, to: right,
          receivingAt: 0, count: 1, datatype: .double, from: left)
      }
    },
    SelfTestCase(name: "datatype-scatter-columns") { world, _, expect in
      // The root's matrix has one column per rank; scatter hands out columns, gather puts
      // them back as rows (a transpose).
      let rows = 3
      let columns = world.size
      let root = world.size - 1
      let m = matrix(rank: 0, rows: rows, columns: columns)
      let column = try Datatype.resized(
        try Datatype.vector(count: rows, blockLength: 1, stride: columns, of: .double),
        extent: MemoryLayout<Double>.stride)
      var mine = [Double](repeating: 0, count: rows)
      try world.scatter(
        world.rank == root ? m : [], count: 1, datatype: column, into: &mine, count: rows, datatype: .double,
        root: root)
      expect.equal(mine, columnOf(m, world.rank, rows: rows, columns: columns), "Scatter of resized columns")
      var transposed = [Double](repeating: 0, count: world.rank == 0 ? rows * columns : 0)
      try world.gather(mine, count: rows, datatype: .double, into: &transposed, count: rows, datatype: .double, root: 0)
      if world.rank == 0 {
        expect.equal(
          transposed, (0..<columns).flatMap { columnOf(m, $0, rows: rows, columns: columns) }, "Gather into rows")
      }
      // Gathering columns straight into the columns of a matrix.
      var rebuilt = [Double](repeating: 0, count: world.rank == 0 ? rows * columns : 0)
      try world.gather(mine, count: rows, datatype: .double, into: &rebuilt, count: 1, datatype: column, root: 0)
      if world.rank == 0 { expect.equal(rebuilt, m, "Gather into resized columns") }
    },
    SelfTestCase(name: "datatype-structs-and-simd") { world, _, expect in
      let n = world.size
      func particles(_ rank: Int, _ count: Int) -> [Particle] {
        (0..<count).map { i in
          Particle(position: SIMD3(Float(rank), Float(i), 0.5), mass: Float(i) * 0.25, id: Int64(rank * 100 + i))
        }
      }
      var all = world.rank == 0 ? particles(0, 6) : [Particle](repeating: Particle(), count: 6)
      try world.broadcast(&all, root: 0)
      expect.equal(all, particles(0, 6), "Bcast of structs")
      let everyone = (0..<n).flatMap { particles($0, 2) }
      expect.equal(
        try world.scatter(world.rank == 0 ? everyone : [], chunk: 2), particles(world.rank, 2), "Scatter of structs")
      expect.equal(
        try world.gatherVarying(particles(world.rank, world.rank + 1)),
        world.rank == 0 ? (0..<n).map { particles($0, $0 + 1) } : nil, "Gatherv of structs")
      let points = (0..<3).map { SIMD3<Float>(Float(world.rank), Float($0), -1) }
      expect.equal(
        try world.allGather(points), (0..<n).flatMap { r in (0..<3).map { SIMD3<Float>(Float(r), Float($0), -1) } },
        "Allgather of SIMD3<Float>")
      expect.equal(
        try world.allReduce(SIMD4<Double>(1, Double(world.rank), 2, 0.5), op: .sum),
        SIMD4<Double>(Double(n), Double(n * (n - 1) / 2), Double(2 * n), 0.5 * Double(n)), "Allreduce of SIMD4<Double>")
      // Built-in operations on SIMD vectors work lane by lane (MPI sees their scalars).
      expect.equal(
        try world.allReduce([SIMD3<Float>(Float(world.rank), -Float(world.rank), 1)], op: .max),
        [SIMD3<Float>(Float(n - 1), 0, 1)], "Allreduce max of SIMD3<Float>")
      expect.equal(
        try world.scan(SIMD2<Int64>(1, Int64(world.rank)), op: .sum),
        SIMD2<Int64>(Int64(world.rank + 1), Int64(world.rank * (world.rank + 1) / 2)), "Scan of SIMD2<Int64>")
      let right = (world.rank + 1) % n
      let left = (world.rank + n - 1) % n
      var incoming = [SIMD2<Int32>](repeating: .zero, count: 4)
      try world.sendReceive((0..<4).map { SIMD2<Int32>(Int32(world.rank), $0) }, to: right, into: &incoming, from: left)
      expect.equal(incoming, (0..<4).map { SIMD2<Int32>(Int32(left), $0) }, "Sendrecv of SIMD2<Int32>")
    },
  ]
}

/// A struct with padding: a SIMD3<Float> (12 bytes of data in 16), a Float, 4 bytes of
/// padding, an Int64.
struct Particle: MPIElement, Equatable {
  var position: SIMD3<Float> = .zero
  var mass: Float = 0
  var id: Int64 = 0

  static var mpiDatatype: Datatype {
    Datatype.cached(for: Particle.self) {
      try Datatype.structure(
        [
          .init(offset: MemoryLayout<Particle>.offset(of: \.position)!, type: .float, count: 3),
          .init(offset: MemoryLayout<Particle>.offset(of: \.mass)!, type: .float),
          .init(offset: MemoryLayout<Particle>.offset(of: \.id)!, type: .int64),
        ], extent: MemoryLayout<Particle>.stride)
    }
  }
}
