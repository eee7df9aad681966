import Chapters
import MPI

// Chapter 11: collectives. Read lessons/11-collectives/README.md first.

/// Broadcasts the root's `values` to every rank with point-to-point messages arranged as a
/// tree: in each round, every rank that has the data sends it to one that has not, so the
/// number of ranks holding it doubles. Works for any root and any number of ranks.
/// `net.send(values, to:)` and `net.receive(into: &values, from:)` are MPI_Send and MPI_Recv.
func treeBroadcast(_ values: inout [Double], root: Int, net: Chapter11.Messenger) throws {
  let size = net.size
  let relative = (net.rank - root + size) % size
  // Receive from the parent: clear the lowest set bit of the relative rank.
  var mask = 1
  while mask < size {
    if relative & mask != 0 {
      try net.receive(into: &values, from: (relative - mask + root) % size)
      break
    }
    mask <<= 1
  }
  // Send to the children: relative + 2^j for every power of two below that bit.
  mask >>= 1
  while mask > 0 {
    if relative + mask < size { try net.send(values, to: (relative + mask + root) % size) }
    mask >>= 1
  }
}

/// The root (rank size - 1) has every task; the other ranks get nil. Every rank returns the
/// tasks it should work on: all tasks handed out exactly once, loads differing by at most one,
/// even when the tasks do not divide evenly.
func distributeTasks(_ tasks: [Int32]?, world: Communicator) throws -> [Int32] {
  let root = world.size - 1
  // Only the root knows how many tasks there are.
  let total = try world.broadcast(tasks?.count ?? 0, root: root)
  // The first total % size ranks take one extra task.
  let counts = (0..<world.size).map { total / world.size + ($0 < total % world.size ? 1 : 0) }
  // MPI_Scatterv: rank i receives counts[i] consecutive tasks.
  return try world.scatter(tasks ?? [], counts: counts, root: root)
}

/// Sums up every rank's results: the total over all ranks and the largest single result
/// (both on every rank), and this rank's offset: how many results the lower ranks have.
func summarize(_ results: [Double], world: Communicator) throws -> Chapter11.Summary {
  let total = try world.allReduce(results.reduce(0, +), op: .sum)
  let largest = try world.allReduce(results.max() ?? -Double.infinity, op: .max)
  // MPI_Exscan leaves rank 0's result undefined; the module returns nil there.
  let offset = try world.exclusiveScan(results.count, op: .sum) ?? 0
  return Chapter11.Summary(total: total, largest: largest, offset: offset)
}
