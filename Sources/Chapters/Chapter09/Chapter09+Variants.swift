import MPI

/// Chapter 09 done wrong (see `ChapterVariants`).
extension Chapter09 {
  static var variants: [String: () -> Never] {
    [
      // Everyone sends first: fine for 8 values, a deadlock at 200 000.
      "09-naive-ring": { check(.init(shiftRight: naiveRing, collectMail: referenceCollectMail)) },
      // Receives from the right neighbour instead of the left.
      "09-ring-backwards": { check(.init(shiftRight: backwardsRing, collectMail: referenceCollectMail)) },
      // Reads every message but files it under the wrong sender and tag.
      "09-mail-without-status": { check(.init(shiftRight: referenceShiftRight, collectMail: mailWithoutStatus)) },
    ]
  }

  static func naiveRing(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.send(mine, to: (world.rank + 1) % world.size)
    try world.receive(into: &incoming, from: (world.rank + world.size - 1) % world.size)
    return incoming
  }

  static func backwardsRing(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.sendReceive(
      mine, to: (world.rank + world.size - 1) % world.size, into: &incoming,
      from: (world.rank + 1) % world.size)
    return incoming
  }

  static func mailWithoutStatus(_ count: Int, _ world: Communicator) throws -> [Letter] {
    try (0..<count).map { i in
      Letter(source: 1 + i / 2, tag: 0, values: try world.receiveArray(Int32.self).values)
    }
  }
}
