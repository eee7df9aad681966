import MPI

/// Chapter 10 done wrong (see `ChapterVariants`).
extension Chapter10 {
  static var variants: [String: () -> Never] {
    [
      // One tag for both directions, and the receives posted in the other order than the sends:
      // with 2 ranks both messages come from the one neighbour and land in the wrong ghosts.
      "10-one-tag": { check(.init(startHalo: oneTagStart, finishHalo: referenceFinish)) },
      // A blocking exchange inside startHalo: right values, but no overlap.
      "10-blocking-start": { check(.init(startHalo: blockingStart, finishHalo: finishNothingPending)) },
      // Starts the four transfers properly, then waits for them before returning.
      "10-waits-in-start": {
        check(
          .init(
            startHalo: { slab, world in
              let pending = try referenceStart(slab, world)
              try Request.waitAll(pending.requests)
              return pending
            }, finishHalo: finishNothingPending))
      },
      // Waits for the receives only; the send requests are left active.
      "10-forgets-sends": { check(.init(startHalo: referenceStart, finishHalo: finishReceivesOnly)) },
    ]
  }

  static func oneTagStart(_ slab: Slab, _ world: Communicator) throws -> PendingHalo {
    let fromLeft = MPIBuffer<Double>(count: 1)
    let fromRight = MPIBuffer<Double>(count: 1)
    return PendingHalo(
      requests: [
        try world.ireceive(into: fromRight, from: slab.rightNeighbour, tag: 5),
        try world.ireceive(into: fromLeft, from: slab.leftNeighbour, tag: 5),
        try world.isend([slab.cells[slab.cells.count - 1]], to: slab.rightNeighbour, tag: 5),
        try world.isend([slab.cells[0]], to: slab.leftNeighbour, tag: 5),
      ], fromLeft: fromLeft, fromRight: fromRight)
  }

  static func blockingStart(_ slab: Slab, _ world: Communicator) throws -> PendingHalo {
    var left = [0.0]
    var right = [0.0]
    try world.sendReceive(
      [slab.cells[slab.cells.count - 1]], to: slab.rightNeighbour, sendTag: 1, into: &left,
      from: slab.leftNeighbour, receiveTag: 1)
    try world.sendReceive(
      [slab.cells[0]], to: slab.leftNeighbour, sendTag: 2, into: &right, from: slab.rightNeighbour,
      receiveTag: 2)
    return PendingHalo(requests: [], fromLeft: MPIBuffer(left), fromRight: MPIBuffer(right))
  }

  static func finishNothingPending(_ pending: PendingHalo, _ slab: Slab) throws {
    slab.leftGhost = pending.fromLeft[0]
    slab.rightGhost = pending.fromRight[0]
  }

  static func finishReceivesOnly(_ pending: PendingHalo, _ slab: Slab) throws {
    try Request.waitAll(Array(pending.requests.prefix(2)))
    slab.leftGhost = pending.fromLeft[0]
    slab.rightGhost = pending.fromRight[0]
  }
}
