import CMPI
import WorkbookContract

/// A group of processes that can talk to each other, each with a rank from 0 to size − 1.
/// Wraps `MPI_Comm`.
///
/// `Environment.world` is `MPI_COMM_WORLD`. New communicators come from `duplicate()`,
/// `split(color:key:)`, `create(group:)` and `cartesian(dimensions:periodic:)`; they are freed
/// (`MPI_Comm_free`) when their last reference goes away.
///
/// Point-to-point calls are in `Communicator+PointToPoint.swift`, collectives in
/// `Communicator+Collectives.swift`, groups and topologies in `Communicator+Topology.swift`.
// Unchecked: only immutable handles and cached numbers; which threads may call MPI on it is
// MPI's thread level, which `Environment` asks for, not something Swift can check.
public class Communicator: @unchecked Sendable {
  /// The raw handle.
  public let raw: MPI_Comm
  private let owned: Bool

  /// Rank of this process in the communicator (`MPI_Comm_rank`), cached.
  public let rank: Int
  /// Number of processes (`MPI_Comm_size`), cached.
  public let size: Int

  /// Wraps a predefined communicator; never freed.
  init(predefined raw: MPI_Comm) {
    self.raw = raw
    self.owned = false
    (rank, size) = Communicator.rankAndSize(raw)
  }

  /// Takes ownership of a communicator made by MPI; it is freed in `deinit`. Errors on it
  /// return to the caller like those on the world.
  required init(owning raw: MPI_Comm) {
    self.raw = raw
    self.owned = true
    // The code is ignored, as it always was: a communicator MPI just made accepts a predefined handler.
    try? mpi_comm_set_errhandler(raw, WB_MPI_ERRORS_RETURN())
    (rank, size) = Communicator.rankAndSize(raw)
  }

  deinit {
    if owned && Environment.isActive { mpi_comm_free(raw) }
  }

  private static func rankAndSize(_ raw: MPI_Comm) -> (Int, Int) {
    (Int(mpi_comm_rank(raw)), Int(mpi_comm_size(raw)))
  }

  /// Matches a message from any sender (`MPI_ANY_SOURCE`).
  public static let anySource = Int(MPI_ANY_SOURCE)
  /// Matches a message with any tag (`MPI_ANY_TAG`).
  public static let anyTag = Int(MPI_ANY_TAG)
  /// A rank that sends and receives nothing (`MPI_PROC_NULL`): communication with it completes
  /// at once. `shift` returns it at the edges of a non-periodic grid.
  public static let nullProcess = Int(MPI_PROC_NULL)
  /// The largest tag value allowed is at least this (MPI guarantees 32767).
  public static let guaranteedMaxTag = 32767

  /// Whether this process is rank 0, the usual root.
  public var isRoot: Bool { rank == 0 }

  /// A communicator's error behaviour (`MPI_Comm_set_errhandler`).
  public enum ErrorHandling: Sendable {
    /// `MPI_ERRORS_ARE_FATAL`: any error aborts the whole job (MPI's default).
    case fatal
    /// `MPI_ERRORS_RETURN`: errors return a code, which this module throws (the workbook's default).
    case returnErrors
  }

  /// Sets how errors on this communicator behave (`MPI_Comm_set_errhandler`). With `.fatal`,
  /// the next failing call on this communicator ends the whole job instead of throwing.
  public func setErrorHandling(_ handling: ErrorHandling) throws {
    let handler = handling == .fatal ? WB_MPI_ERRORS_ARE_FATAL() : WB_MPI_ERRORS_RETURN()
    try mpi_comm_set_errhandler(raw, handler)
  }

  /// How errors on this communicator behave now (`MPI_Comm_get_errhandler`); nil for a
  /// handler other than the two predefined ones.
  public func errorHandling() throws -> ErrorHandling? {
    let handler = try mpi_comm_get_errhandler(raw)
    defer { mpi_errhandler_free(handler) }
    if handler == WB_MPI_ERRORS_RETURN() { return .returnErrors }
    if handler == WB_MPI_ERRORS_ARE_FATAL() { return .fatal }
    return nil
  }

  /// Ends every process of the job (`MPI_Abort`, MPI 3.1 §8.7) with `code` as mpirun's exit
  /// status. Open MPI 4.1 aborts all processes in MPI_COMM_WORLD, not only this communicator's,
  /// and prints which rank called it. Use it when one rank cannot go on and the others would
  /// otherwise wait for it forever.
  public func abort(code: Int32 = 1) -> Never {
    mpi_abort(raw, code)
  }

  /// Blocks until every process in the communicator has called it (`MPI_Barrier`).
  public func barrier(file: StaticString = #fileID, line: UInt = #line) throws {
    try traced("barrier", file, line, CallRecord(.barrier)) { try mpi_barrier(raw) }
  }
}
