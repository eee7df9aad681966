import Foundation
import MPI
import WorkbookContract
import WorkbookKit

/// Chapter 17, compositing at scale: what makes IceT fast. Radix-k compositing with a chosen k
/// (binary swap is k = 2, direct send is k = P) on any number of ranks, active-pixel run-length
/// encoding so that only covered pixels travel, and ordered "over" compositing of
/// semi-transparent pieces in the visibility order of chapter 14's k-d split.
public enum Chapter17 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "17-compositing-at-scale"

  /// Opaque pixels, as in chapter 16: an RGBA8 colour and a window depth per pixel; depth 1
  /// (the far plane) marks an empty pixel.
  public typealias Pixels = Chapter16.Pixels

  /// A premultiplied RGBA colour, each channel in 0...1: (r·a, g·a, b·a, a). The empty pixel is
  /// (0, 0, 0, 0).
  public typealias Premultiplied = SIMD4<Float>

  /// One round of a radix-k schedule, seen from one rank: the ranks of its group in order
  /// (front, or lower, first) and which of the group's parts this rank keeps. In the round the
  /// part the rank owns is cut into `group.count` pieces; piece j goes to `group[j]`, and this
  /// rank keeps piece `keep`, so `group[keep]` is the rank itself.
  public struct Round: Equatable, Sendable, CustomStringConvertible {
    /// The ranks that exchange pieces in this round, lowest first.
    public var group: [Int]
    /// The index in `group` of this rank, which is also the piece it keeps.
    public var keep: Int

    /// A round from its group and the piece kept.
    public init(group: [Int], keep: Int) {
      self.group = group
      self.keep = keep
    }

    /// "group [0, 2, 4], keep 1".
    public var description: String { "group \(group), keep \(keep)" }
  }

  /// The learner's four functions.
  public struct Learner {
    /// (covered) → run lengths: for pixels where `covered[i]` says whether pixel i is drawn,
    /// the counts [empty, active, empty, active, …] of maximal runs, starting with an empty
    /// run (0 when the first pixel is covered); no (0, 0) pair; a trailing run of empties ends
    /// the list as (n, 0). No pixels: no runs.
    public var encodeRuns: ([Bool]) -> [UInt32]
    /// (runs) → covered: the inverse of `encodeRuns`.
    public var decodeRuns: ([UInt32]) -> [Bool]
    /// (rank, factors) → one `Round` per factor: the radix-k schedule of `rank` when the ranks
    /// are factored as `factors` (their product is the number of ranks).
    public var schedule: (Int, [Int]) -> [Round]
    /// (front, back) → front over back, premultiplied.
    public var over: (Premultiplied, Premultiplied) -> Premultiplied

    /// One argument per property.
    public init(
      encodeRuns: @escaping ([Bool]) -> [UInt32], decodeRuns: @escaping ([UInt32]) -> [Bool],
      schedule: @escaping (Int, [Int]) -> [Round],
      over: @escaping (Premultiplied, Premultiplied) -> Premultiplied
    ) {
      self.encodeRuns = encodeRuns
      self.decodeRuns = decodeRuns
      self.schedule = schedule
      self.over = over
    }
  }

  /// The radix-k factorisation of `ranks` for a target `k`: repeatedly the largest divisor of
  /// what is left that is at most k (and at least 2); when what is left has no such divisor
  /// (all its prime factors exceed k), its smallest prime factor. So 8 with k = 2 is [2, 2, 2]
  /// (binary swap), 6 with k = 3 is [3, 2], 6 with k = 2 is [2, 3], 5 with any k is [5] (a
  /// prime: direct send), and any P with k ≥ P is [P]. One rank: [].
  ///
  /// ```swift
  /// Chapter17.factors(ranks: 12, k: 4)  // [4, 3]
  /// ```
  public static func factors(ranks: Int, k: Int) -> [Int] {
    precondition(ranks >= 1 && k >= 2, "factors(ranks: \(ranks), k: \(k))")
    var left = ranks
    var out: [Int] = []
    while left > 1 {
      var f = (2...min(k, left)).reversed().first { left % $0 == 0 }
      if f == nil { f = (2...left).first { left % $0 == 0 } }
      out.append(f!)
      left /= f!
    }
    return out
  }

  /// Piece `j` of `f` of `range`: the first `range.count % f` pieces are one pixel longer.
  public static func piece(_ j: Int, of f: Int, in range: Range<Int>) -> Range<Int> {
    let base = range.count / f
    let extra = range.count % f
    let start = range.lowerBound + j * base + min(j, extra)
    return start..<start + base + (j < extra ? 1 : 0)
  }
}

extension Chapter17 {
  /// Messages between the ranks for compositing, counted: bytes and messages each rank sends
  /// and receives. One message carries an 8-byte header (how many runs, how many pixels), the
  /// runs (4 bytes each) and the active pixels; it is counted as one though it takes several
  /// `MPI_Sendrecv` calls.
  final class Link: PieceCarrier {
    let rank: Int
    let size: Int
    let comm: Communicator
    private(set) var bytesSent = 0, messagesSent = 0, bytesReceived = 0, messagesReceived = 0
    static let tag = 1700

    init(_ comm: Communicator) {
      self.comm = comm
      rank = comm.rank
      size = comm.size
    }

    /// Sends `outgoing` to `destination` and receives one message from `source` at once.
    func exchange<Image: CompositeImage>(_ outgoing: Encoded<Image>, to destination: Int, from source: Int) throws
      -> Encoded<Image>
    {
      var header = [UInt32](repeating: 0, count: 2)
      try comm.sendReceive(
        [UInt32(outgoing.runs.count), UInt32(outgoing.active.count)], to: destination, sendTag: Link.tag,
        into: &header, from: source, receiveTag: Link.tag)
      var runs = [UInt32](repeating: 0, count: Int(header[0]))
      try comm.sendReceive(
        outgoing.runs, to: destination, sendTag: Link.tag, into: &runs, from: source, receiveTag: Link.tag)
      let active = try outgoing.active.exchange(
        comm, to: destination, from: source, receiving: Int(header[1]), tag: Link.tag)
      bytesSent += outgoing.bytes
      messagesSent += 1
      let incoming = Encoded(runs: runs, active: active)
      bytesReceived += incoming.bytes
      messagesReceived += 1
      return incoming
    }
  }

  /// An image run-length encoded: the runs and the active pixels only, in order.
  struct Encoded<Image: CompositeImage> {
    var runs: [UInt32]
    var active: Image
    /// Bytes on the wire: the header, the runs and the active pixels.
    var bytes: Int { 8 + 4 * runs.count + Image.bytesPerPixel * active.count }
  }

  /// A message from the harness about code that does not do what the chapter asks.
  struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }
}

/// What radix-k needs to move its pieces: `Chapter17.Link` over MPI, or threads in one process
/// in the unit tests.
protocol PieceCarrier {
  /// This rank.
  var rank: Int { get }
  /// Sends `outgoing` to `destination` and receives one message from `source`, both at once.
  func exchange<Image: CompositeImage>(_ outgoing: Chapter17.Encoded<Image>, to destination: Int, from source: Int)
    throws -> Chapter17.Encoded<Image>
}
