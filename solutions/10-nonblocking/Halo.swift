import Chapters
import MPI

// Chapter 10: non-blocking communication. Read lessons/10-nonblocking/README.md first.
//
// The rod is cut into slabs, one per rank, and the ranks form a ring. Before each step every
// slab needs two ghost values: its left neighbour's last cell and its right neighbour's first
// cell. The harness calls startHalo, computes the cells that need no ghost, calls
// finishHalo, then computes the two edge cells with the ghosts.

/// Starts the exchange and returns at once, without waiting for anything: receives for the two
/// ghosts, sends of this slab's two edge cells.
func startHalo(_ slab: Chapter10.Slab, world: Communicator) throws -> Chapter10.PendingHalo {
  let fromLeft = MPIBuffer<Double>(count: 1)
  let fromRight = MPIBuffer<Double>(count: 1)
  // Tag 1: moving right (my last cell becomes my right neighbour's left ghost).
  // Tag 2: moving left. Receives first, so the messages find them waiting.
  let requests = [
    try world.ireceive(into: fromLeft, from: slab.leftNeighbour, tag: 1),
    try world.ireceive(into: fromRight, from: slab.rightNeighbour, tag: 2),
    try world.isend([slab.cells[slab.cells.count - 1]], to: slab.rightNeighbour, tag: 1),
    try world.isend([slab.cells[0]], to: slab.leftNeighbour, tag: 2),
  ]
  return Chapter10.PendingHalo(requests: requests, fromLeft: fromLeft, fromRight: fromRight)
}

/// Completes every request of `pending` and stores the ghost values in `slab`.
func finishHalo(_ pending: Chapter10.PendingHalo, slab: Chapter10.Slab) throws {
  // MPI_Waitall: the sends must complete too, or their requests would be dropped while active.
  try Request.waitAll(pending.requests)
  slab.leftGhost = pending.fromLeft[0]
  slab.rightGhost = pending.fromRight[0]
}
