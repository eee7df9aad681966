import Chapters
import MPI

// Chapter 11: collectives. Read lessons/11-collectives/README.md first.

/// Broadcasts the root's `values` to every rank with point-to-point messages arranged as a
/// tree: in each round, every rank that has the data sends it to one that has not, so the
/// number of ranks holding it doubles. Works for any root and any number of ranks.
/// `net.send(values, to:)` and `net.receive(into: &values, from:)` are MPI_Send and MPI_Recv.
func treeBroadcast(_ values: inout [Double], root: Int, net: Chapter11.Messenger) throws {
  // TODO(11): number the ranks relative to the root, (rank - root + size) % size, so the root
  // is 0. A rank with relative number k > 0 receives once, from k minus its lowest set bit
  // (the largest power of two dividing k: k & -k); then every rank sends to k + 2^j for the
  // powers of two 2^j below its own lowest set bit (all powers below size for the root), as
  // long as k + 2^j < size. Convert back to real ranks with (relative + root) % size.
}

/// The root (rank size - 1) has every task; the other ranks get nil. Every rank returns the
/// tasks it should work on: all tasks handed out exactly once, loads differing by at most one,
/// even when the tasks do not divide evenly.
func distributeTasks(_ tasks: [Int32]?, world: Communicator) throws -> [Int32] {
  // TODO(11): decide how many tasks each rank gets (every rank can compute the same counts,
  // but only the root knows the tasks; the count of tasks is 17, or broadcast it), then one
  // collective hands each rank its share.
  return tasks ?? []
}

/// Sums up every rank's results: the total over all ranks and the largest single result
/// (both on every rank), and this rank's offset: how many results the lower ranks have.
func summarize(_ results: [Double], world: Communicator) throws -> Chapter11.Summary {
  // TODO(11): three reductions: a sum and a maximum that every rank receives, and an
  // exclusive prefix sum of the counts (rank 0's offset is 0).
  return Chapter11.Summary(total: results.reduce(0, +), largest: results.max() ?? 0, offset: 0)
}
