import Foundation
import Testing
import WorkbookKit

@testable import Chapters

/// Radix-k run in one process, one thread per rank with an in-memory mailbox, against the
/// serial oracles: opaque at P = 3, 5 and 6 with every factorisation of interest, and the
/// factorisation rule itself.
@Suite struct RadixKTests {
  typealias Pixels = Chapter17.Pixels

  /// Messages between threads, first in first out per (sender, receiver).
  final class Mailbox: @unchecked Sendable {
    let condition = NSCondition()
    var queues: [[Int]: [Any]] = [:]

    func put(_ message: Any, from: Int, to: Int) {
      condition.lock()
      queues[[from, to], default: []].append(message)
      condition.broadcast()
      condition.unlock()
    }

    func take(from: Int, to: Int) -> Any {
      condition.lock()
      defer { condition.unlock() }
      while queues[[from, to]]?.isEmpty ?? true { condition.wait() }
      return queues[[from, to]]!.removeFirst()
    }
  }

  struct ThreadCarrier: PieceCarrier {
    let rank: Int
    let mailbox: Mailbox
    func exchange<Image: CompositeImage>(_ outgoing: Chapter17.Encoded<Image>, to destination: Int, from source: Int)
      throws -> Chapter17.Encoded<Image>
    {
      mailbox.put(outgoing, from: rank, to: destination)
      return mailbox.take(from: source, to: rank) as! Chapter17.Encoded<Image>
    }
  }

  final class Results<T>: @unchecked Sendable {
    let lock = NSLock()
    var values: [Int: T] = [:]
    func set(_ r: Int, _ v: T) { lock.withLock { values[r] = v } }
  }

  /// Runs `body` on `p` threads at once (radix-k blocks in its exchanges, so every rank needs a
  /// thread of its own) and returns their results by rank.
  static func onThreads<T>(_ p: Int, _ body: @escaping @Sendable (Int, Mailbox) throws -> T) -> [T] {
    let mailbox = Mailbox()
    let results = Results<T>()
    let done = DispatchGroup()
    for r in 0..<p {
      done.enter()
      let thread = Thread {
        if let v = try? body(r, mailbox) { results.set(r, v) }
        done.leave()
      }
      thread.start()
    }
    done.wait()
    return (0..<p).map { results.values[$0]! }
  }

  /// The parts laid end to end in image order.
  static func whole(_ parts: [(range: Range<Int>, pixels: Pixels)]) -> Pixels {
    let sorted = parts.sorted { $0.range.lowerBound < $1.range.lowerBound }
    return Pixels(color: sorted.flatMap(\.pixels.color), depth: sorted.flatMap(\.pixels.depth))
  }

  @Test(arguments: [3, 5, 6])
  func radixKEqualsTheSerialComposite(ranks p: Int) {
    let (w, h) = (40, 30)
    let images = (0..<p).map { r in
      r % 2 == 0
        ? Chapter17.opaqueSplats(Chapter17.objects(rank: r, ranks: p), width: w, height: h)
        : Chapter17.tiePattern(rank: r, ranks: p, width: w, height: h)
    }
    let oracle = Chapter17.serialZ(images)
    let encodings: [(String, Chapter17.RLE<Pixels>)] = [
      ("sparse z-test", Chapter17.fastRLE), ("decode and merge", Chapter17.encodingOnly), ("raw", Chapter17.rawZ),
      ("runs", .runs(Chapter17.referenceEncodeRuns, Chapter17.referenceDecodeRuns)),
    ]
    for k in [2, 3, p] {
      let factors = Chapter17.factors(ranks: p, k: k)
      for (name, rle) in encodings {
        nonisolated(unsafe) let rle = rle  // read-only closures, shared by the rank threads
        let parts = Self.onThreads(p) { r, box in
          try Chapter17.radixK(
            images[r], link: ThreadCarrier(rank: r, mailbox: box), schedule: Chapter17.referenceSchedule(r, factors),
            rle: rle, blend: Chapter17.zBlend)
        }
        #expect(Self.whole(parts) == oracle, "P = \(p), factors \(factors), \(name)")
      }
      let parts = Self.onThreads(p) { r, box in
        try Chapter17.radixK(
          images[r], link: ThreadCarrier(rank: r, mailbox: box), schedule: Chapter17.referenceSchedule(r, factors),
          rle: Chapter17.fastRLE, blend: Chapter17.zBlend)
      }
      // The parts cover the image once.
      let covered = parts.map(\.range.count).reduce(0, +)
      #expect(covered == w * h)
    }
  }

  @Test func factorisations() {
    #expect(Chapter17.factors(ranks: 6, k: 3) == [3, 2])
    #expect(Chapter17.factors(ranks: 6, k: 2) == [2, 3])
    #expect(Chapter17.factors(ranks: 5, k: 2) == [5])
    #expect(Chapter17.factors(ranks: 8, k: 2) == [2, 2, 2])
    #expect(Chapter17.factors(ranks: 12, k: 4) == [4, 3])
    #expect(Chapter17.factors(ranks: 4, k: 4) == [4])
    #expect(Chapter17.factors(ranks: 1, k: 2) == [])
    for p in 1...30 {
      for k in 2...8 { #expect(Chapter17.factors(ranks: p, k: k).reduce(1, *) == p) }
    }
  }

  /// Each group member stands for a contiguous block of ranks, in rank order: what lets the
  /// blend treat the lower member as the front.
  @Test func groupsAreContiguousBlocksInRankOrder() {
    for factors in [[2, 3], [3, 2], [2, 2, 2], [5], [2, 3, 2]] {
      var stride = 1
      for (i, f) in factors.enumerated() {
        for r in 0..<factors.reduce(1, *) {
          let round = Chapter17.referenceSchedule(r, factors)[i]
          #expect(round.group[round.keep] == r)
          #expect(round.group == round.group.sorted())
          // Member j stands for ranks (r − r % (stride·f)) + j·stride ..< + stride.
          let base = r - r % (stride * f)
          #expect(round.group.map { $0 - $0 % stride } == (0..<f).map { base + $0 * stride })
        }
        stride *= f
      }
    }
  }
}
