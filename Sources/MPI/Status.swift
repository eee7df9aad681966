import CMPI

/// What a completed receive (or probe) learned about its message: who sent it, with which tag,
/// and how big it is. Wraps `MPI_Status`.
///
/// ```swift
/// let status = try world.receive(into: &buffer, from: Communicator.anySource)
/// let n = try status.count(of: Double.self)     // how many of buffer's elements arrived
/// print("\(n) values from rank \(status.source), tag \(status.tag)")
/// ```
// Unchecked: `MPI_Status` is a plain C struct of integers, copied by value.
public struct Status: @unchecked Sendable {
  /// The raw status.
  public var raw: MPI_Status

  /// Wraps a status an MPI call filled in.
  @inlinable
  public init(raw: MPI_Status) { self.raw = raw }

  /// The sender's rank (`MPI_SOURCE`); useful after receiving from `Communicator.anySource`.
  /// `Communicator.nullProcess` after a receive from `nullProcess`.
  @inlinable public var source: Int { Int(raw.MPI_SOURCE) }
  /// The message's tag (`MPI_TAG`); useful after receiving with `Communicator.anyTag`.
  @inlinable public var tag: Int { Int(raw.MPI_TAG) }
  /// The error field (`MPI_ERROR`); only meaningful after multi-request completion calls.
  public var error: Int32 { raw.MPI_ERROR }

  /// How many elements of `T` the message holds (`MPI_Get_count`).
  /// - Throws: `MPIError` when the byte count is not a whole number of `T`s.
  @inlinable @inline(__always)
  public func count<T: MPIElement>(of _: T.Type) throws -> Int {
    try count(datatype: T.mpiDatatype)
  }

  /// How many elements of `datatype` the message holds (`MPI_Get_count`).
  /// - Throws: `MPIError` of class `.type` when the byte count is not a whole number of them.
  @inlinable @inline(__always)
  public func count(datatype: Datatype) throws -> Int {
    let n = try mpi_get_count(self, datatype.raw)
    guard n != MPI_UNDEFINED else {
      throw MPIError(
        .type, function: "MPI_Get_count", message: "the message is not a whole number of elements of this datatype")
    }
    return Int(n)
  }

  /// Whether the operation this status belongs to was cancelled (`MPI_Test_cancelled`).
  public var wasCancelled: Bool {
    mpi_test_cancelled(self)
  }
}
