import CMPI

// Collective communication (MPI 3.1 chapter 5): data movement. Reductions are in
// Communicator+Reductions.swift. Every process of the communicator must make the same
// collective calls in the same order. Results that only the root receives are optional: nil
// on the other ranks.

extension Communicator {
  // MARK: Broadcast

  /// Copies the root's `values` to every rank (`MPI_Bcast`, MPI 3.1 §5.4). Every rank must pass
  /// an array of the same length; on return all hold the root's contents.
  /// - Throws: `.root` when `root` is not a rank of the communicator.
  @inlinable @inline(__always)
  public func broadcast<T: MPIElement>(_ values: inout [T], root: Int = 0) throws {
    let n = try mpiCount(values.count, "MPI_Bcast")
    try mpi_bcast(&values, n, T.mpiDatatype.raw, mpiInt(root), raw)
  }

  /// Broadcasts one value from the root and returns it on every rank (`MPI_Bcast`).
  @inlinable @inline(__always)
  public func broadcast<T: MPIElement>(_ value: T, root: Int = 0) throws -> T {
    var v = OneValue(value)
    try mpi_bcast(&v, 1, T.mpiDatatype.raw, mpiInt(root), raw)
    return v.value
  }

  /// Broadcasts an array whose length only the root knows (`MPI_Bcast` of the count, then of
  /// the elements). `values` is read at the root only; pass nil elsewhere.
  ///
  /// ```swift
  /// let tasks = try world.broadcastArray(world.rank == 0 ? loadTasks() : nil)
  /// ```
  public func broadcastArray<T: MPIElement>(_ values: [T]?, root: Int = 0) throws -> [T] {
    let count = try broadcast(Int64(values?.count ?? 0), root: root)
    var out = rank == root ? (values ?? []) : [T](zeroed: Int(count))
    try broadcast(&out, root: root)
    return out
  }

  // MARK: Scatter and gather

  /// Splits the root's `values` into `size` equal chunks and gives chunk i to rank i
  /// (`MPI_Scatter`, MPI 3.1 §5.6). Only the root's `values` are read; every rank says how many
  /// elements each chunk has.
  /// - Throws: `.count` at the root when `values.count != chunk * size`.
  public func scatter<T: MPIElement>(_ values: [T], chunk: Int, root: Int = 0) throws -> [T] {
    if rank == root && values.count != chunk * size {
      throw MPIError(
        .count, function: "MPI_Scatter",
        message: "root has \(values.count) elements, expected chunk \(chunk) x \(size) ranks")
    }
    var out = [T](zeroed: chunk)
    let n = try mpiCount(chunk, "MPI_Scatter")
    try mpi_scatter(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, mpiInt(root), raw)
    return out
  }

  /// Gives rank i `counts[i]` consecutive elements of the root's `values` (`MPI_Scatterv`), for
  /// work that does not divide evenly. `counts` must be the same on every rank.
  ///
  /// ```swift
  /// // 10 tasks on 3 ranks: 4, 3, 3.
  /// let counts = (0..<world.size).map { 10 / world.size + ($0 < 10 % world.size ? 1 : 0) }
  /// let mine = try world.scatter(tasks, counts: counts)
  /// ```
  /// - Throws: `.count` when there are not `size` counts, or at the root when they do not add
  ///   up to `values.count`.
  public func scatter<T: MPIElement>(_ values: [T], counts: [Int], root: Int = 0) throws -> [T] {
    guard counts.count == size, counts.allSatisfy({ $0 >= 0 }) else {
      throw MPIError(.count, function: "MPI_Scatterv", message: "need \(size) non-negative counts, got \(counts)")
    }
    if rank == root && values.count != counts.reduce(0, +) {
      throw MPIError(
        .count, function: "MPI_Scatterv",
        message: "root has \(values.count) elements, counts add up to \(counts.reduce(0, +))")
    }
    let c = try counts.map { try mpiCount($0, "MPI_Scatterv") }
    let displs = try displacements(c, "MPI_Scatterv")
    var out = [T](zeroed: counts[rank])
    try mpi_scatterv(values, c, displs, T.mpiDatatype.raw, &out, c[rank], T.mpiDatatype.raw, mpiInt(root), raw)
    return out
  }

  /// Collects every rank's `values` (all the same length) at the root, in rank order
  /// (`MPI_Gather`). Returns them at the root, nil elsewhere.
  public func gather<T: MPIElement>(_ values: [T], root: Int = 0) throws -> [T]? {
    let n = try mpiCount(values.count, "MPI_Gather")
    var out = [T](zeroed: rank == root ? values.count * size : 0)
    try mpi_gather(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, mpiInt(root), raw)
    return rank == root ? out : nil
  }

  /// Collects one value per rank at the root (`MPI_Gather` with count 1).
  public func gather<T: MPIElement>(_ value: T, root: Int = 0) throws -> [T]? {
    try gather([value], root: root)
  }

  /// Collects arrays of different lengths at the root, in rank order (`MPI_Gather` of the
  /// counts, then `MPI_Gatherv`). Returns one array per rank at the root, nil elsewhere.
  public func gatherVarying<T: MPIElement>(_ values: [T], root: Int = 0) throws -> [[T]]? {
    let n = try mpiCount(values.count, "MPI_Gatherv")
    let c = try gather(n, root: root) ?? []
    let displs = try displacements(c, "MPI_Gatherv")
    var out = [T](zeroed: c.reduce(0) { $0 + Int($1) })
    try mpi_gatherv(
      values, n, T.mpiDatatype.raw, &out, rank == root ? c : nil, rank == root ? displs : nil,
      T.mpiDatatype.raw, mpiInt(root), raw)
    guard rank == root else { return nil }
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i]) + Int(c[i])]) }
  }

  /// Every rank gets every rank's `values` (all the same length), in rank order (`MPI_Allgather`).
  public func allGather<T: MPIElement>(_ values: [T]) throws -> [T] {
    let n = try mpiCount(values.count, "MPI_Allgather")
    var out = [T](zeroed: values.count * size)
    try mpi_allgather(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, raw)
    return out
  }

  /// One value from every rank, on every rank (`MPI_Allgather` with count 1).
  public func allGather<T: MPIElement>(_ value: T) throws -> [T] { try allGather([value]) }

  /// Every rank gets every rank's array, lengths may differ (`MPI_Allgather` of the counts,
  /// then `MPI_Allgatherv`).
  public func allGatherVarying<T: MPIElement>(_ values: [T]) throws -> [[T]] {
    let n = try mpiCount(values.count, "MPI_Allgatherv")
    let c = try allGather(n)
    let displs = try displacements(c, "MPI_Allgatherv")
    var out = [T](zeroed: c.reduce(0) { $0 + Int($1) })
    try mpi_allgatherv(values, n, T.mpiDatatype.raw, &out, c, displs, T.mpiDatatype.raw, raw)
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i]) + Int(c[i])]) }
  }

  // MARK: All to all

  /// Rank i sends `values[j * chunk ..< (j + 1) * chunk]` to rank j and receives rank j's
  /// chunk for it at the same place (`MPI_Alltoall`): a transpose across ranks.
  public func allToAll<T: MPIElement>(_ values: [T], chunk: Int) throws -> [T] {
    guard values.count == chunk * size else {
      throw MPIError(.count, function: "MPI_Alltoall", message: "\(values.count) elements, expected \(chunk) x \(size)")
    }
    let n = try mpiCount(chunk, "MPI_Alltoall")
    var out = [T](zeroed: values.count)
    try mpi_alltoall(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, raw)
    return out
  }

  /// Personalised exchange with different lengths (`MPI_Alltoall` of the counts, then
  /// `MPI_Alltoallv`): `outgoing[j]` goes to rank j; the result's element j is what rank j sent
  /// to this rank. Sorting particles into the rank that owns their region is the typical use.
  /// - Throws: `.count` when `outgoing` does not have one array per rank.
  public func allToAllVarying<T: MPIElement>(_ outgoing: [[T]]) throws -> [[T]] {
    guard outgoing.count == size else {
      throw MPIError(.count, function: "MPI_Alltoallv", message: "\(outgoing.count) arrays for \(size) ranks")
    }
    let sendCounts = try outgoing.map { try mpiCount($0.count, "MPI_Alltoallv") }
    let receiveCounts = try allToAll(sendCounts, chunk: 1)
    let sendDispls = try displacements(sendCounts, "MPI_Alltoallv")
    let receiveDispls = try displacements(receiveCounts, "MPI_Alltoallv")
    let flat = outgoing.flatMap { $0 }
    var out = [T](zeroed: receiveCounts.reduce(0) { $0 + Int($1) })
    try mpi_alltoallv(
      flat, sendCounts, sendDispls, T.mpiDatatype.raw, &out, receiveCounts, receiveDispls,
      T.mpiDatatype.raw, raw)
    return (0..<size).map { i in Array(out[Int(receiveDispls[i])..<Int(receiveDispls[i]) + Int(receiveCounts[i])]) }
  }

  /// Start offsets for v-collectives from counts; `.count` when the total does not fit in an int.
  func displacements(_ counts: [Int32], _ function: String) throws -> [Int32] {
    var d = [Int32](repeating: 0, count: counts.count)
    var total = 0
    for i in counts.indices {
      d[i] = try mpiCount(total, function)
      total += Int(counts[i])
    }
    _ = try mpiCount(total, function)
    return d
  }
}
