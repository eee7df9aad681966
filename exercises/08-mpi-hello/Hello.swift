import MPI
import VTK

// Chapter 08: hello, MPI. Read lessons/08-mpi-hello/README.md first.

/// This process's rank in `world` and how many processes `world` has.
func whoAmI(world: Communicator) -> (rank: Int, size: Int) {
  // TODO(08): a communicator knows both numbers.
  return (0, 1)
}

/// Every rank passes its own greeting. Rank 0 returns all of them in rank order (its own
/// first); every other rank returns nil. Greetings have different lengths.
func greetingsInOrder(_ mine: String, world: Communicator) throws -> [String]? {
  // TODO(08): collect every rank's greeting at rank 0, in rank order. A String is not an MPI
  // type, but its UTF-8 bytes are ([UInt8](mine.utf8)); turn bytes back into text with
  // String(decoding: bytes, as: UTF8.self).
  return world.rank == 0 ? [mine] : nil
}

/// Rank and size as VTK's vtkMPIController sees them.
func vtkRankAndSize(controller: MPIController) -> (rank: Int, size: Int) {
  // TODO(08): ask the controller (GetLocalProcessId, GetNumberOfProcesses).
  return (0, 1)
}

/// The sum of every rank's `value`, computed through VTK's controller, known on every rank.
func vtkTotal(_ value: Double, controller: MPIController) -> Double {
  // TODO(08): one call of the controller adds the values of all ranks and gives every rank the sum.
  return value
}
