import MPI

/// Chapter 10's answer key, used by the demo and by the variants (for the parts they get right).
extension Chapter10 {
  /// The exchange done right.
  static var reference: Learner { Learner(startHalo: referenceStart, finishHalo: referenceFinish) }

  /// Posts both receives, then both sends, and returns at once. Tags tell "moving right" (1)
  /// from "moving left" (2), which matters when both neighbours are the same rank.
  static func referenceStart(_ slab: Slab, _ world: Communicator) throws -> PendingHalo {
    let fromLeft = MPIBuffer<Double>(count: 1)
    let fromRight = MPIBuffer<Double>(count: 1)
    let requests = [
      try world.ireceive(into: fromLeft, from: slab.leftNeighbour, tag: 1),
      try world.ireceive(into: fromRight, from: slab.rightNeighbour, tag: 2),
      try world.isend([slab.cells[slab.cells.count - 1]], to: slab.rightNeighbour, tag: 1),
      try world.isend([slab.cells[0]], to: slab.leftNeighbour, tag: 2),
    ]
    return PendingHalo(requests: requests, fromLeft: fromLeft, fromRight: fromRight)
  }

  /// Completes every request, sends included, then fills the ghosts.
  static func referenceFinish(_ pending: PendingHalo, _ slab: Slab) throws {
    try Request.waitAll(pending.requests)
    slab.leftGhost = pending.fromLeft[0]
    slab.rightGhost = pending.fromRight[0]
  }
}
