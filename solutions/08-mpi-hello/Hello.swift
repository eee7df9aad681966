import MPI
import VTK

// Chapter 08: hello, MPI. Read lessons/08-mpi-hello/README.md first.

/// This process's rank in `world` and how many processes `world` has.
func whoAmI(world: Communicator) -> (rank: Int, size: Int) {
  // MPI_Comm_rank and MPI_Comm_size, read once when the communicator was made.
  (world.rank, world.size)
}

/// Every rank passes its own greeting. Rank 0 returns all of them in rank order (its own
/// first); every other rank returns nil. Greetings have different lengths.
func greetingsInOrder(_ mine: String, world: Communicator) throws -> [String]? {
  // MPI_Gather of the lengths, then MPI_Gatherv of the bytes; nil on every rank but the root.
  let all = try world.gatherVarying([UInt8](mine.utf8), root: 0)
  return all?.map { String(decoding: $0, as: UTF8.self) }
}

/// Rank and size as VTK's vtkMPIController sees them.
func vtkRankAndSize(controller: MPIController) -> (rank: Int, size: Int) {
  (controller.rank, controller.size)
}

/// The sum of every rank's `value`, computed through VTK's controller, known on every rank.
func vtkTotal(_ value: Double, controller: MPIController) -> Double {
  // vtkMPIController::AllReduce with SUM_OP, which is MPI_Allreduce underneath.
  controller.allReduceSum(value)
}
