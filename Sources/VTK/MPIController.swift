import CVTKBridge

/// VTK's handle on the MPI job, for VTK's parallel filters and I/O. Wraps `vtkMPIController`.
///
/// Create it after MPI is initialised (`MPI.Environment`): it calls
/// `Initialize(nullptr, nullptr, 1)`, which adopts the running MPI instead of starting one, and
/// `finalize()` calls `Finalize(1)`, which leaves `MPI_Finalize` to the program.
public final class MPIController: VTKObject {
  override class var vtkClassName: String { "vtkMPIController" }

  /// A controller over the MPI job the `MPI` module already started; MPI must be initialised.
  /// Wraps `vtkMPIController::New` and `Initialize(nullptr, nullptr, 1)` through
  /// `vtkb_mpi_controller_new`.
  public convenience init() { self.init(owning: vtkb_mpi_controller_new()) }

  /// `GetLocalProcessId`: this process's rank in VTK's world communicator.
  public var rank: Int { Int(must(Int32(0)) { vtkb_controller_rank(handle, $0) }) }
  /// `GetNumberOfProcesses`.
  public var size: Int { Int(must(Int32(0)) { vtkb_controller_size(handle, $0) }) }
  /// `Barrier`.
  public func barrier() { must(vtkb_controller_barrier(handle)) }
  /// `AllReduce` of one double with `vtkCommunicator::SUM_OP`.
  public func allReduceSum(_ value: Double) -> Double { must(0.0) { vtkb_controller_allreduce_sum(handle, value, $0) } }
  /// `Finalize(1)`: VTK lets go of MPI without finalising it.
  public func finalize() { must(vtkb_controller_finalize(handle)) }
}
