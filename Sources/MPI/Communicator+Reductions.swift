import CMPI
import WorkbookContract

// Reductions (MPI 3.1 §5.9–5.11): combine one value per rank with an operation (`Op`), at the
// root, at every rank, or as a prefix over the ranks.

extension Communicator {
  /// The datatype and count to reduce `count` values of `T` with `op`: built-in operations
  /// work on predefined types only, so SIMD vectors are reduced as their scalars.
  @inlinable
  func reductionLayout<T: MPIElement>(_: T.Type, count: Int, op: Op, _ function: String) throws -> (Datatype, Int32) {
    if op.isPredefined, let scalars = T.mpiReductionScalars {
      return (scalars.datatype, try mpiCount(count * scalars.count, function))
    }
    return (T.mpiDatatype, try mpiCount(count, function))
  }

  /// Combines every rank's `values` element-wise with `op` and returns the result at the root,
  /// nil elsewhere (`MPI_Reduce`, MPI 3.1 §5.9.1).
  /// - Throws: `.root` for a root outside the communicator, `.op` when `op` does not apply to
  ///   the element type (e.g. `.bitwiseAnd` on doubles).
  @inlinable @inline(__always)
  public func reduce<T: MPIElement>(
    _ values: [T], op: Op, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T]? {
    try traced("reduce", file, line, CallRecord(.reduce, peer: root, count: values.count, type: T.self)) {
      let (type, n) = try reductionLayout(T.self, count: values.count, op: op, "MPI_Reduce")
      var out = [T](zeroed: values.count)
      try mpi_reduce(values, &out, n, type.raw, op.raw, mpiInt(root), raw)
      return rank == root ? out : nil
    }
  }

  /// Reduces one value per rank to the root (`MPI_Reduce` with count 1).
  @inlinable
  public func reduce<T: MPIElement>(
    _ value: T, op: Op, root: Int = 0, file: StaticString = #fileID, line: UInt = #line
  ) throws -> T? {
    try reduce([value], op: op, root: root, file: file, line: line)?.first
  }

  /// Combines every rank's `values` element-wise and gives the result to every rank
  /// (`MPI_Allreduce`, MPI 3.1 §5.9.6).
  ///
  /// ```swift
  /// let total = try world.allReduce([localCount, localBytes], op: .sum)
  /// ```
  @inlinable
  public func allReduce<T: MPIElement>(
    _ values: [T], op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    var out = [T](zeroed: values.count)
    try allReduce(values, into: &out, op: op, file: file, line: line)
    return out
  }

  /// Like `allReduce(_:op:)`, but writes the result into `result` (resized to `values.count`
  /// if needed) instead of allocating a new array: the form for a loop that reduces every step.
  @inlinable @inline(__always)
  public func allReduce<T: MPIElement>(
    _ values: [T], into result: inout [T], op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws {
    try traced("allReduce", file, line, CallRecord(.allReduce, count: values.count, type: T.self)) {
      let (type, n) = try reductionLayout(T.self, count: values.count, op: op, "MPI_Allreduce")
      if result.count != values.count { result = [T](zeroed: values.count) }
      try mpi_allreduce(values, &result, n, type.raw, op.raw, raw)
    }
  }

  /// All-reduces one value (`MPI_Allreduce` with count 1).
  @inlinable @inline(__always)
  public func allReduce<T: MPIElement>(
    _ value: T, op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws -> T {
    try traced("allReduce", file, line, CallRecord(.allReduce, count: 1, type: T.self)) {
      var out = OneValue(value)
      let (type, n) = try reductionLayout(T.self, count: 1, op: op, "MPI_Allreduce")
      try mpi_allreduce(OneValue(value), &out, n, type.raw, op.raw, raw)
      return out.value
    }
  }

  /// Inclusive prefix reduction (`MPI_Scan`, MPI 3.1 §5.11.1): rank i gets
  /// `values₀ op … op valuesᵢ`.
  public func scan<T: MPIElement>(
    _ values: [T], op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T] {
    try traced("scan", file, line, CallRecord(.scan, count: values.count, type: T.self)) {
      let (type, n) = try reductionLayout(T.self, count: values.count, op: op, "MPI_Scan")
      var out = [T](zeroed: values.count)
      try mpi_scan(values, &out, n, type.raw, op.raw, raw)
      return out
    }
  }

  /// Inclusive prefix reduction of one value (`MPI_Scan`).
  public func scan<T: MPIElement>(_ value: T, op: Op, file: StaticString = #fileID, line: UInt = #line) throws -> T {
    try scan([value], op: op, file: file, line: line)[0]
  }

  /// Exclusive prefix reduction (`MPI_Exscan`, MPI 3.1 §5.11.2): rank i gets
  /// `values₀ op … op valuesᵢ₋₁`; rank 0 gets nil (MPI leaves its result undefined).
  ///
  /// Where each rank's part starts in a global array: `try world.exclusiveScan(myCount, op: .sum) ?? 0`.
  public func exclusiveScan<T: MPIElement>(
    _ values: [T], op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws -> [T]? {
    try traced("exclusiveScan", file, line, CallRecord(.exclusiveScan, count: values.count, type: T.self)) {
      let (type, n) = try reductionLayout(T.self, count: values.count, op: op, "MPI_Exscan")
      var out = [T](zeroed: values.count)
      try mpi_exscan(values, &out, n, type.raw, op.raw, raw)
      return rank == 0 ? nil : out
    }
  }

  /// Exclusive prefix reduction of one value (`MPI_Exscan`); nil at rank 0.
  public func exclusiveScan<T: MPIElement>(
    _ value: T, op: Op, file: StaticString = #fileID, line: UInt = #line
  ) throws -> T? {
    try exclusiveScan([value], op: op, file: file, line: line)?[0]
  }
}
