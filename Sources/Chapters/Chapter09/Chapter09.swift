import Foundation
import MPI
import MPIBench
import WorkbookKit

/// Chapter 09, point-to-point: send and receive, tags, status and probe, a ring that cannot
/// deadlock, and the ping-pong benchmark (`--bench`).
public enum Chapter09 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "09-point-to-point"

  /// A message as rank 0 received it: who sent it, with which tag, and what it held.
  public struct Letter: Hashable, Comparable, CustomStringConvertible, Sendable {
    /// The sender's rank.
    public var source: Int
    /// The message's tag.
    public var tag: Int
    /// The message's contents; lengths differ from letter to letter.
    public var values: [Int32]

    /// A letter from its parts, e.g. from a receive's status and buffer.
    public init(source: Int, tag: Int, values: [Int32]) {
      self.source = source
      self.tag = tag
      self.values = values
    }

    /// Orders by source, then tag, then length (not contents): `Checks.sameSet` needs an order to
    /// list missing and unexpected letters.
    public static func < (a: Letter, b: Letter) -> Bool {
      (a.source, a.tag, a.values.count) < (b.source, b.tag, b.values.count)
    }

    /// `from <source>, tag <tag>, <n> values`.
    public var description: String { "from \(source), tag \(tag), \(values.count) values" }
  }

  /// The learner's two functions.
  public struct Learner {
    /// Every rank sends its array to rank + 1 (wrapping around) and returns what rank − 1 sent.
    public var shiftRight: ([Double], Communicator) throws -> [Double]
    /// At rank 0: receives `count` messages of any length from any rank with any tag.
    public var collectMail: (Int, Communicator) throws -> [Letter]

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      shiftRight: @escaping ([Double], Communicator) throws -> [Double],
      collectMail: @escaping (Int, Communicator) throws -> [Letter]
    ) {
      self.shiftRight = shiftRight
      self.collectMail = collectMail
    }
  }

  /// Rank `rank`'s data for the ring: different on every rank and at every index.
  static func ringData(rank: Int, count: Int) -> [Double] {
    (0..<count).map { Double(rank) * 1e6 + Double($0) + 0.5 }
  }

  /// The letters rank `rank` (≥ 1) sends to rank 0: two tags, lengths that differ by rank.
  static func letters(from rank: Int) -> [Letter] {
    [
      Letter(source: rank, tag: 200 + rank, values: (0..<(2 * rank + 3)).map { Int32(rank * 1000 + $0) }),
      Letter(source: rank, tag: 100 + rank, values: (0..<(rank + 1)).map { Int32(-rank * 1000 - $0) }),
    ]
  }

  /// Sizes of the ring check: one that fits MPI's eager buffers and one far beyond them, where
  /// every rank sending first means every rank waits.
  static let ringSizes = [8, 200_000]

  /// Checks the learner's functions at the current rank count.
  public static func check(_ learner: Learner) -> Never {
    Harness.runMPI(chapter: name) { world, report in
      // A communicator of its own, so that nothing the learner leaves unreceived can match a
      // later receive of the harness.
      let ring = try world.duplicate()
      let left = (world.rank + world.size - 1) % world.size
      var ringProblem: String? = nil
      for count in ringSizes where ringProblem == nil {
        Harness.announce("ring-shift: shiftRight with \(count) values")
        let got = try learner.shiftRight(ringData(rank: world.rank, count: count), ring)
        let expected = ringData(rank: left, count: count)
        if got != expected {
          ringProblem = "with \(count) values: " + describeDifference(expected: expected, got: got, owner: left)
        }
      }
      report.add(
        Checks.that(
          "ring-shift", ringProblem == nil,
          expected:
            "rank \(left)'s values (its left neighbour's), at \(ringSizes.map(String.init).joined(separator: " and ")) values",
          got: ringProblem == nil ? "them" : "something else", detail: ringProblem))

      let mail = try world.duplicate()
      let count = 2 * (world.size - 1)
      Harness.announce(
        world.rank == 0 ? "mailbox: collectMail of \(count) letters" : "mailbox: sending letters to rank 0")
      if world.rank == 0 {
        let got = try learner.collectMail(count, mail)
        let expected = Set((1..<world.size).flatMap(letters(from:)))
        report.add(Checks.sameSet("mailbox", expected: expected, got: Set(got)))
        report.add(Checks.counter("mailbox-count", expected: count, got: got.count, unit: "letters"))
      } else {
        // Later ranks start later, so arrival order is not rank order.
        usleep(UInt32(2000 * (world.size - world.rank)))
        for letter in letters(from: world.rank) { try mail.send(letter.values, to: 0, tag: letter.tag) }
      }
      try world.barrier()
    }
  }

  /// Where two arrays first differ, in words.
  static func describeDifference(expected: [Double], got: [Double], owner: Int) -> String {
    if got.count != expected.count { return "got \(got.count) values, expected \(expected.count)" }
    guard let i = expected.indices.first(where: { expected[$0] != got[$0] }) else { return "same" }
    let sender = Int((got[i] / 1e6).rounded(.down))
    return
      "value [\(i)] is \(got[i]), expected \(expected[i]) (that looks like rank \(sender)'s data; the left neighbour is rank \(owner))"
  }
}
