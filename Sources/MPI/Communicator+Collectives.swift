import CMPI

// Collective communication (MPI 3.1 chapter 5). Every process of the communicator must make
// the same collective calls in the same order. Results that only the root receives are
// optional: nil on the other ranks.

extension Communicator {
  // MARK: Broadcast

  /// Copies the root's `values` to every rank (`MPI_Bcast`). Every rank must pass an array of
  /// the same length; on return all hold the root's contents.
  @inlinable
  public func broadcast<T: MPIElement>(_ values: inout [T], root: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Bcast")
    try values.withUnsafeMutableBufferPointer { p in
      try check(MPI_Bcast(p.baseAddress, n, T.mpiDatatype.raw, Int32(clamping: root), raw), "MPI_Bcast")
    }
  }

  /// Broadcasts one value from the root and returns it on every rank (`MPI_Bcast`).
  @inlinable
  public func broadcast<T: MPIElement>(_ value: T, root: Int = 0) throws -> T {
    var v = value
    try withUnsafeMutablePointer(to: &v) { p in
      try check(MPI_Bcast(p, 1, T.mpiDatatype.raw, Int32(clamping: root), raw), "MPI_Bcast")
    }
    return v
  }

  // MARK: Scatter and gather

  /// Splits the root's `values` into `size` equal chunks and gives chunk i to rank i
  /// (`MPI_Scatter`). Only the root's `values` are read; every rank says how many elements
  /// each chunk has.
  /// - Throws: `.count` at the root when `values.count != chunk * size`.
  public func scatter<T: MPIElement>(_ values: [T], chunk: Int, root: Int = 0) throws -> [T] {
    if rank == root && values.count != chunk * size {
      throw MPIError(.count, function: "MPI_Scatter",
                     message: "root has \(values.count) elements, expected chunk \(chunk) x \(size) ranks")
    }
    var out = [T](zeroed: chunk)
    let n = try mpiCount(chunk, "MPI_Scatter")
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Scatter(s.baseAddress, n, T.mpiDatatype.raw, r.baseAddress, n, T.mpiDatatype.raw,
                              Int32(clamping: root), raw), "MPI_Scatter")
      }
    }
    return out
  }

  /// Gives rank i `counts[i]` consecutive elements of the root's `values` (`MPI_Scatterv`), for
  /// work that does not divide evenly. `counts` must be the same on every rank.
  public func scatter<T: MPIElement>(_ values: [T], counts: [Int], root: Int = 0) throws -> [T] {
    guard counts.count == size else {
      throw MPIError(.count, function: "MPI_Scatterv", message: "\(counts.count) counts for \(size) ranks")
    }
    if rank == root && values.count != counts.reduce(0, +) {
      throw MPIError(.count, function: "MPI_Scatterv",
                     message: "root has \(values.count) elements, counts add up to \(counts.reduce(0, +))")
    }
    let c = try counts.map { try mpiCount($0, "MPI_Scatterv") }
    let displs = displacements(c)
    var out = [T](zeroed: counts[rank])
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Scatterv(s.baseAddress, c, displs, T.mpiDatatype.raw, r.baseAddress, c[rank], T.mpiDatatype.raw,
                               Int32(clamping: root), raw), "MPI_Scatterv")
      }
    }
    return out
  }

  /// Collects every rank's `values` (all the same length) at the root, in rank order
  /// (`MPI_Gather`). Returns them at the root, nil elsewhere.
  public func gather<T: MPIElement>(_ values: [T], root: Int = 0) throws -> [T]? {
    let n = try mpiCount(values.count, "MPI_Gather")
    var out = [T](zeroed: rank == root ? values.count * size : 0)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Gather(s.baseAddress, n, T.mpiDatatype.raw, r.baseAddress, n, T.mpiDatatype.raw,
                             Int32(clamping: root), raw), "MPI_Gather")
      }
    }
    return rank == root ? out : nil
  }

  /// Collects one value per rank at the root (`MPI_Gather` with count 1).
  public func gather<T: MPIElement>(_ value: T, root: Int = 0) throws -> [T]? {
    try gather([value], root: root)
  }

  /// Collects arrays of different lengths at the root, in rank order (`MPI_Gather` of the counts,
  /// then `MPI_Gatherv`). Returns one array per rank at the root, nil elsewhere.
  public func gatherVarying<T: MPIElement>(_ values: [T], root: Int = 0) throws -> [[T]]? {
    let counts = try gather(Int32(try mpiCount(values.count, "MPI_Gatherv")), root: root)
    let c = counts ?? []
    let displs = displacements(c)
    var out = [T](zeroed: Int(c.reduce(0, +)))
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Gatherv(s.baseAddress, Int32(values.count), T.mpiDatatype.raw, r.baseAddress,
                              rank == root ? c : nil, rank == root ? displs : nil, T.mpiDatatype.raw,
                              Int32(clamping: root), raw), "MPI_Gatherv")
      }
    }
    guard rank == root else { return nil }
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i] + c[i])]) }
  }

  /// Every rank gets every rank's `values` (all the same length), in rank order (`MPI_Allgather`).
  public func allGather<T: MPIElement>(_ values: [T]) throws -> [T] {
    let n = try mpiCount(values.count, "MPI_Allgather")
    var out = [T](zeroed: values.count * size)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Allgather(s.baseAddress, n, T.mpiDatatype.raw, r.baseAddress, n, T.mpiDatatype.raw, raw),
                  "MPI_Allgather")
      }
    }
    return out
  }

  /// One value from every rank, on every rank (`MPI_Allgather` with count 1).
  public func allGather<T: MPIElement>(_ value: T) throws -> [T] { try allGather([value]) }

  /// Every rank gets every rank's array, lengths may differ (`MPI_Allgather` of the counts,
  /// then `MPI_Allgatherv`).
  public func allGatherVarying<T: MPIElement>(_ values: [T]) throws -> [[T]] {
    let c = try allGather(Int32(try mpiCount(values.count, "MPI_Allgatherv")))
    let displs = displacements(c)
    var out = [T](zeroed: Int(c.reduce(0, +)))
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Allgatherv(s.baseAddress, Int32(values.count), T.mpiDatatype.raw, r.baseAddress, c, displs,
                                 T.mpiDatatype.raw, raw), "MPI_Allgatherv")
      }
    }
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i] + c[i])]) }
  }

  /// Rank i sends `values[j * chunk ..< (j + 1) * chunk]` to rank j and receives rank j's
  /// chunk for it at the same place (`MPI_Alltoall`): a transpose across ranks.
  public func allToAll<T: MPIElement>(_ values: [T], chunk: Int) throws -> [T] {
    guard values.count == chunk * size else {
      throw MPIError(.count, function: "MPI_Alltoall", message: "\(values.count) elements, expected \(chunk) x \(size)")
    }
    let n = try mpiCount(chunk, "MPI_Alltoall")
    var out = [T](zeroed: values.count)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Alltoall(s.baseAddress, n, T.mpiDatatype.raw, r.baseAddress, n, T.mpiDatatype.raw, raw),
                  "MPI_Alltoall")
      }
    }
    return out
  }

  // MARK: Reductions

  /// Combines every rank's `values` element-wise with `op` and returns the result at the root,
  /// nil elsewhere (`MPI_Reduce`).
  @inlinable
  public func reduce<T: MPIElement>(_ values: [T], op: Op, root: Int = 0) throws -> [T]? {
    let n = try mpiCount(values.count, "MPI_Reduce")
    var out = [T](zeroed: values.count)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Reduce(s.baseAddress, r.baseAddress, n, T.mpiDatatype.raw, op.raw, Int32(clamping: root), raw),
                  "MPI_Reduce")
      }
    }
    return rank == root ? out : nil
  }

  /// Reduces one value per rank to the root (`MPI_Reduce` with count 1).
  @inlinable
  public func reduce<T: MPIElement>(_ value: T, op: Op, root: Int = 0) throws -> T? {
    try reduce([value], op: op, root: root)?.first
  }

  /// Combines every rank's `values` element-wise and gives the result to every rank (`MPI_Allreduce`).
  @inlinable
  public func allReduce<T: MPIElement>(_ values: [T], op: Op) throws -> [T] {
    let n = try mpiCount(values.count, "MPI_Allreduce")
    var out = [T](zeroed: values.count)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Allreduce(s.baseAddress, r.baseAddress, n, T.mpiDatatype.raw, op.raw, raw), "MPI_Allreduce")
      }
    }
    return out
  }

  /// All-reduces one value (`MPI_Allreduce` with count 1).
  @inlinable
  public func allReduce<T: MPIElement>(_ value: T, op: Op) throws -> T {
    var v = value
    var out = value
    try withUnsafePointer(to: &v) { input in
      try withUnsafeMutablePointer(to: &out) { output in
        try check(MPI_Allreduce(input, output, 1, T.mpiDatatype.raw, op.raw, raw), "MPI_Allreduce")
      }
    }
    return out
  }

  /// Inclusive prefix reduction (`MPI_Scan`): rank i gets `values₀ op … op valuesᵢ`.
  public func scan<T: MPIElement>(_ values: [T], op: Op) throws -> [T] {
    let n = try mpiCount(values.count, "MPI_Scan")
    var out = [T](zeroed: values.count)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Scan(s.baseAddress, r.baseAddress, n, T.mpiDatatype.raw, op.raw, raw), "MPI_Scan")
      }
    }
    return out
  }

  /// Inclusive prefix reduction of one value (`MPI_Scan`).
  public func scan<T: MPIElement>(_ value: T, op: Op) throws -> T { try scan([value], op: op)[0] }

  /// Exclusive prefix reduction (`MPI_Exscan`): rank i gets `values₀ op … op valuesᵢ₋₁`;
  /// rank 0 gets nil (MPI leaves its result undefined).
  public func exclusiveScan<T: MPIElement>(_ values: [T], op: Op) throws -> [T]? {
    let n = try mpiCount(values.count, "MPI_Exscan")
    var out = [T](zeroed: values.count)
    try values.withUnsafeBufferPointer { s in
      try out.withUnsafeMutableBufferPointer { r in
        try check(MPI_Exscan(s.baseAddress, r.baseAddress, n, T.mpiDatatype.raw, op.raw, raw), "MPI_Exscan")
      }
    }
    return rank == 0 ? nil : out
  }

  /// Start offsets for v-collectives from counts.
  func displacements(_ counts: [Int32]) -> [Int32] {
    var d = [Int32](repeating: 0, count: counts.count)
    for i in counts.indices.dropFirst() { d[i] = d[i - 1] + counts[i - 1] }
    return d
  }
}

extension Array where Element: MPIElement {
  /// `count` elements with every byte zero: a receive buffer.
  @inlinable
  init(zeroed count: Int) {
    self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
      if count > 0 {
        UnsafeMutableRawPointer(buffer.baseAddress!).initializeMemory(as: UInt8.self, repeating: 0,
                                                                        count: count * MemoryLayout<Element>.stride)
      }
      initialized = count
    }
  }
}
