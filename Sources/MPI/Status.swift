import CMPI

/// What a completed receive (or probe) learned about its message: who sent it, with which tag,
/// and how big it is. Wraps `MPI_Status`.
public struct Status: @unchecked Sendable {
  /// The raw status.
  public var raw: MPI_Status

  @inlinable
  public init(raw: MPI_Status) { self.raw = raw }

  /// The sender's rank (`MPI_SOURCE`); useful after receiving from `Communicator.anySource`.
  public var source: Int { Int(raw.MPI_SOURCE) }
  /// The message's tag (`MPI_TAG`); useful after receiving with `Communicator.anyTag`.
  public var tag: Int { Int(raw.MPI_TAG) }
  /// The error field (`MPI_ERROR`); only meaningful after multi-request completion calls.
  public var error: Int32 { raw.MPI_ERROR }

  /// How many elements of `T` the message holds (`MPI_Get_count`).
  /// - Throws: `MPIError` when the byte count is not a whole number of `T`s.
  public func count<T: MPIElement>(of _: T.Type) throws -> Int {
    var status = raw
    var n: Int32 = 0
    try check(MPI_Get_count(&status, T.mpiDatatype.raw, &n), "MPI_Get_count")
    guard n != MPI_UNDEFINED else {
      throw MPIError(.type, function: "MPI_Get_count", message: "message size is not a multiple of \(T.self)")
    }
    return Int(n)
  }
}
