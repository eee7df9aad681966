import MPI
import WorkbookKit

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
      // Expects every letter with the sender's first tag: the second letter of rank 1 never
      // matches, and rank 0 waits for it while the others wait in the harness: a deadlock.
      "09-mail-wrong-tag": { check(.init(shiftRight: referenceShiftRight, collectMail: mailWithOneTag)) },
      // Right, but rank 0 computes for 4 s before the large shift while the others wait for its
      // values: slow, not deadlocked, and it must pass.
      "09-slow-ring": { check(.init(shiftRight: slowRing, collectMail: referenceCollectMail)) },
      // Sends to rank `size` instead of wrapping around: MPI_ERR_RANK, thrown at the send.
      "09-ring-past-the-end": { check(.init(shiftRight: ringPastTheEnd, collectMail: referenceCollectMail)) },
    ]
  }

  static func mailWithOneTag(_ count: Int, _ world: Communicator) throws -> [Letter] {
    try (0..<count).map { i in
      let source = 1 + i / 2
      let (values, status) = try world.receiveArray(Int32.self, from: source, tag: 100 + source)
      return Letter(source: status.source, tag: status.tag, values: values)
    }
  }

  /// Seconds rank 0 of `09-slow-ring` computes before the large shift: longer than the
  /// runner's 3 s deadlock window.
  static let slowRingSeconds = 4.0

  static func slowRing(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    if world.rank == 0 && mine.count > 1000 {
      // Busy outside MPI, as a long computation is (a sleep would do too; this is what a
      // learner's loop looks like to the runner).
      let start = Benchmark.now()
      var x = 1.0
      while Benchmark.now() - start < slowRingSeconds { x = (x * 1.000_000_1).truncatingRemainder(dividingBy: 7) + 1 }
      if x < 0 { print(x) }
    }
    return try referenceShiftRight(mine, world)
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

  static func ringPastTheEnd(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.send(mine, to: world.rank + 1)
    try world.receive(into: &incoming, from: (world.rank + world.size - 1) % world.size)
    return incoming
  }
}
