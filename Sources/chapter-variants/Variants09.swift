import Chapters
import MPI

/// Chapter 09 done wrong.
enum Variants09 {
  static let all: [String: () -> Never] = [
    // Everyone sends first: fine for 8 values, a deadlock at 200 000.
    "09-naive-ring": { Chapter09.check(.init(shiftRight: naiveRing, collectMail: mail)) },
    // Receives from the right neighbour instead of the left.
    "09-ring-backwards": { Chapter09.check(.init(shiftRight: backwardsRing, collectMail: mail)) },
    // Reads every message but files it under the wrong sender and tag.
    "09-mail-without-status": { Chapter09.check(.init(shiftRight: ring, collectMail: mailWithoutStatus)) },
  ]

  static func ring(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.sendReceive(mine, to: (world.rank + 1) % world.size, into: &incoming,
                          from: (world.rank + world.size - 1) % world.size)
    return incoming
  }

  static func naiveRing(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.send(mine, to: (world.rank + 1) % world.size)
    try world.receive(into: &incoming, from: (world.rank + world.size - 1) % world.size)
    return incoming
  }

  static func backwardsRing(_ mine: [Double], _ world: Communicator) throws -> [Double] {
    var incoming = mine
    try world.sendReceive(mine, to: (world.rank + world.size - 1) % world.size, into: &incoming,
                          from: (world.rank + 1) % world.size)
    return incoming
  }

  static func mail(_ count: Int, _ world: Communicator) throws -> [Chapter09.Letter] {
    try (0..<count).map { _ in
      let (values, status) = try world.receiveArray(Int32.self)
      return Chapter09.Letter(source: status.source, tag: status.tag, values: values)
    }
  }

  static func mailWithoutStatus(_ count: Int, _ world: Communicator) throws -> [Chapter09.Letter] {
    try (0..<count).map { i in
      Chapter09.Letter(source: 1 + i / 2, tag: 0, values: try world.receiveArray(Int32.self).values)
    }
  }
}
