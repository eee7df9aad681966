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
  // TODO(10): post two ireceives (into fromLeft from slab.leftNeighbour, into fromRight from
  // slab.rightNeighbour) and two isends (the last cell to the right neighbour, the first cell
  // to the left one), and return their requests. With 2 ranks both neighbours are the same
  // rank: use one tag for values moving right and another for values moving left, so that
  // each receive matches the right message.
  return Chapter10.PendingHalo(requests: [], fromLeft: fromLeft, fromRight: fromRight)
}

/// Completes every request of `pending` and stores the ghost values in `slab`.
func finishHalo(_ pending: Chapter10.PendingHalo, slab: Chapter10.Slab) throws {
  // TODO(10): wait for all requests, then copy the received values into slab.leftGhost and
  // slab.rightGhost.
}
