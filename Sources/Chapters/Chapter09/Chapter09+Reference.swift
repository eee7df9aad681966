import MPI

/// Chapter 09's answer key, used by the variants (for the parts they get right).
extension Chapter09 {
  /// The ring shift and the mailbox, done right.
  static var reference: Learner { Learner(shiftRight: referenceShiftRight, collectMail: referenceCollectMail) }

  /// Every rank sends to its right neighbour and receives from its left in one call, which
  /// cannot deadlock whatever the message size.
  static func referenceShiftRight(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.sendReceive(
      mine, to: (world.rank + 1) % world.size, into: &incoming,
      from: (world.rank + world.size - 1) % world.size)
    return incoming
  }

  /// Each message of unknown length, from any sender with any tag: probed, then received whole.
  static func referenceCollectMail(_ count: Int, _ world: Communicator) throws -> [Letter] {
    try (0..<count).map { _ in
      let (values, status) = try world.receiveArray(Int32.self)
      return Letter(source: status.source, tag: status.tag, values: values)
    }
  }
}
