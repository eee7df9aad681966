import CMPI
import WorkbookContract

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
  public func broadcast<T: MPIElement>(
    _ values: inout [T], root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced("broadcast", file, line, CallRecord(.broadcast, peer: root, count: values.count, type: T.self)) {
      let n = try mpiCount(values.count, "MPI_Bcast")
      try mpi_bcast(&values, n, T.mpiDatatype.raw, mpiInt(root), raw)
    }
  }

  /// Broadcasts one value from the root and returns it on every rank (`MPI_Bcast`).
  @inlinable @inline(__always)
  public func broadcast<T: MPIElement>(
    _ value: T, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> T {
    try traced("broadcast", file, line, CallRecord(.broadcast, peer: root, count: 1, type: T.self)) {
      var v = OneValue(value)
      try mpi_bcast(&v, 1, T.mpiDatatype.raw, mpiInt(root), raw)
      return v.value
    }
  }

  /// Broadcasts an array whose length only the root knows (`MPI_Bcast` of the count, then of
  /// the elements). `values` is read at the root only; pass nil elsewhere.
  ///
  /// ```swift
  /// let tasks = try world.broadcastArray(world.rank == 0 ? loadTasks() : nil)
  /// ```
  public func broadcastArray<T: MPIElement>(
    _ values: [T]?, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    try traced("broadcastArray", file, line, CallRecord(.broadcast, peer: root, type: T.self)) {
      let count = try broadcast(Int64(values?.count ?? 0), root: root, file: file, line: line)
      var out = rank == root ? (values ?? []) : [T](zeroed: Int(count))
      try broadcast(&out, root: root, file: file, line: line)
      return out
    }
  }

  // MARK: Scatter and gather

  /// Splits the root's `values` into `size` equal chunks and gives chunk i to rank i
  /// (`MPI_Scatter`, MPI 3.1 §5.6). Only the root's `values` are read; every rank says how many
  /// elements each chunk has.
  /// - Throws: `.count` at the root when `values.count != chunk * size`.
  public func scatter<T: MPIElement>(
    _ values: [T], chunk: Int, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    try traced("scatter", file, line, CallRecord(.scatter, peer: root, count: chunk, type: T.self)) {
      try scatterBody(values, chunk: chunk, root: root)
    }
  }

  /// The body of `scatter(_:chunk:root:file:line:)`.
  func scatterBody<T: MPIElement>(_ values: [T], chunk: Int, root: Int) throws -> [T] {
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
  public func scatter<T: MPIElement>(
    _ values: [T], counts: [Int], root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    try traced("scatter", file, line, CallRecord(.scatter, peer: root, type: T.self)) {
      try scatterBody(values, counts: counts, root: root)
    }
  }

  /// The body of `scatter(_:counts:root:file:line:)`.
  func scatterBody<T: MPIElement>(_ values: [T], counts: [Int], root: Int) throws -> [T] {
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
  public func gather<T: MPIElement>(
    _ values: [T], root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T]? {
    try traced("gather", file, line, CallRecord(.gather, peer: root, count: values.count, type: T.self)) {
      let n = try mpiCount(values.count, "MPI_Gather")
      var out = [T](zeroed: rank == root ? values.count * size : 0)
      try mpi_gather(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, mpiInt(root), raw)
      return rank == root ? out : nil
    }
  }

  /// Collects one value per rank at the root (`MPI_Gather` with count 1).
  public func gather<T: MPIElement>(
    _ value: T, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T]? {
    try gather([value], root: root, file: file, line: line)
  }

  /// Collects arrays of different lengths at the root, in rank order (`MPI_Gather` of the
  /// counts, then `MPI_Gatherv`). Returns one array per rank at the root, nil elsewhere.
  public func gatherVarying<T: MPIElement>(
    _ values: [T], root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [[T]]? {
    try traced("gatherVarying", file, line, CallRecord(.gather, peer: root, count: values.count, type: T.self)) {
      try gatherVaryingBody(values, root: root, file: file, line: line)
    }
  }

  /// The body of `gatherVarying(_:root:file:line:)`; its own collectives carry the caller's site.
  func gatherVaryingBody<T: MPIElement>(_ values: [T], root: Int, file: StaticString, line: UInt) throws -> [[T]]? {
    let n = try mpiCount(values.count, "MPI_Gatherv")
    let c = try gather(n, root: root, file: file, line: line) ?? []
    let displs = try displacements(c, "MPI_Gatherv")
    var out = [T](zeroed: c.reduce(0) { $0 + Int($1) })
    try mpi_gatherv(
      values, n, T.mpiDatatype.raw, &out, rank == root ? c : nil, rank == root ? displs : nil,
      T.mpiDatatype.raw, mpiInt(root), raw)
    guard rank == root else { return nil }
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i]) + Int(c[i])]) }
  }

  /// Every rank gets every rank's `values` (all the same length), in rank order (`MPI_Allgather`).
  public func allGather<T: MPIElement>(_ values: [T], file: StaticString = #fileID, line: UInt = #line) throws -> [T] {
    try traced("allGather", file, line, CallRecord(.allGather, count: values.count, type: T.self)) {
      let n = try mpiCount(values.count, "MPI_Allgather")
      var out = [T](zeroed: values.count * size)
      try mpi_allgather(values, n, T.mpiDatatype.raw, &out, n, T.mpiDatatype.raw, raw)
      return out
    }
  }

  /// One value from every rank, on every rank (`MPI_Allgather` with count 1).
  public func allGather<T: MPIElement>(_ value: T, file: StaticString = #fileID, line: UInt = #line) throws -> [T] {
    try allGather([value], file: file, line: line)
  }

  /// Every rank gets every rank's array, lengths may differ (`MPI_Allgather` of the counts,
  /// then `MPI_Allgatherv`).
  public func allGatherVarying<T: MPIElement>(
    _ values: [T], file: StaticString = #fileID, line: UInt = #line
  ) throws -> [[T]] {
    try traced("allGatherVarying", file, line, CallRecord(.allGather, count: values.count, type: T.self)) {
      try allGatherVaryingBody(values, file: file, line: line)
    }
  }

  /// The body of `allGatherVarying(_:file:line:)`.
  func allGatherVaryingBody<T: MPIElement>(_ values: [T], file: StaticString, line: UInt) throws -> [[T]] {
    let n = try mpiCount(values.count, "MPI_Allgatherv")
    let c = try allGather(n, file: file, line: line)
    let displs = try displacements(c, "MPI_Allgatherv")
    var out = [T](zeroed: c.reduce(0) { $0 + Int($1) })
    try mpi_allgatherv(values, n, T.mpiDatatype.raw, &out, c, displs, T.mpiDatatype.raw, raw)
    return (0..<size).map { i in Array(out[Int(displs[i])..<Int(displs[i]) + Int(c[i])]) }
  }

  // MARK: All to all

  /// Rank i sends `values[j * chunk ..< (j + 1) * chunk]` to rank j and receives rank j's
  /// chunk for it at the same place (`MPI_Alltoall`): a transpose across ranks.
  public func allToAll<T: MPIElement>(
    _ values: [T], chunk: Int, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    try traced("allToAll", file, line, CallRecord(.allToAll, count: values.count, type: T.self)) {
      try allToAllBody(values, chunk: chunk)
    }
  }

  /// The body of `allToAll(_:chunk:file:line:)`.
  func allToAllBody<T: MPIElement>(_ values: [T], chunk: Int) throws -> [T] {
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
  public func allToAllVarying<T: MPIElement>(
    _ outgoing: [[T]], file: StaticString = #fileID, line: UInt = #line
  ) throws -> [[T]] {
    try traced("allToAllVarying", file, line, CallRecord(.allToAll, type: T.self)) {
      try allToAllVaryingBody(outgoing, file: file, line: line)
    }
  }

  /// The body of `allToAllVarying(_:file:line:)`.
  func allToAllVaryingBody<T: MPIElement>(_ outgoing: [[T]], file: StaticString, line: UInt) throws -> [[T]] {
    guard outgoing.count == size else {
      throw MPIError(.count, function: "MPI_Alltoallv", message: "\(outgoing.count) arrays for \(size) ranks")
    }
    let sendCounts = try outgoing.map { try mpiCount($0.count, "MPI_Alltoallv") }
    let receiveCounts = try allToAll(sendCounts, chunk: 1, file: file, line: line)
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
