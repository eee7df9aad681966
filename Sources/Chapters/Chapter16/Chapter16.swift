import Foundation
import Imaging
import MPI
import WorkbookContract
import WorkbookKit

/// Chapter 16, sort-last rendering: every rank renders its share of the objects into a colour
/// and a depth image of the whole screen, and the images are z-composited into one: gathered to
/// one rank, along a binary tree, by direct send, and by binary swap.
public enum Chapter16 {
  /// This chapter's folder name (see `Chapter00.name`).
  public static let name = "16-sort-last"

  /// Pixels as compositing sees them: a colour and a depth per pixel, pixel i of both arrays
  /// being the same pixel. Colours are RGBA8 packed into a `UInt32` (red in the low byte, as
  /// `RGBAImage` stores them); depths are window depths in [0, 1], 1 where nothing was drawn.
  /// A whole image is `width × height` pixels, top row first.
  public struct Pixels: Equatable, Sendable {
    /// One colour per pixel.
    public var color: [UInt32]
    /// One depth per pixel.
    public var depth: [Float]

    /// Pixels from their two arrays.
    /// - Precondition: both have the same length.
    public init(color: [UInt32], depth: [Float]) {
      precondition(color.count == depth.count, "\(color.count) colours but \(depth.count) depths")
      self.color = color
      self.depth = depth
    }

    /// `count` background pixels: colour 0, depth 1 (the far plane).
    public init(count: Int) {
      self.init(color: [UInt32](repeating: 0, count: count), depth: [Float](repeating: 1, count: count))
    }

    /// The number of pixels.
    public var count: Int { color.count }

    /// The pixels in `range`, copied.
    public subscript(range: Range<Int>) -> Pixels { Pixels(color: Array(color[range]), depth: Array(depth[range])) }
  }

  /// The part of the final image a rank holds when a compositing algorithm ends: pixels `range`
  /// of the whole image (indices into a `width × height` array, top row first).
  public struct Piece: Equatable, Sendable {
    /// Which pixels of the whole image these are.
    public var range: Range<Int>
    /// Their composited colours and depths; `pixels.count == range.count`.
    public var pixels: Pixels

    /// A piece from its range and pixels.
    public init(range: Range<Int>, pixels: Pixels) {
      self.range = range
      self.pixels = pixels
    }
  }

  /// Binary swap halves the image once per round between partners `rank ^ 2^k`, which exists
  /// for every rank only when the number of ranks is a power of two.
  public enum CompositingError: Error, Equatable, CustomStringConvertible {
    /// The algorithm was called on a rank count it does not handle.
    case notAPowerOfTwo(ranks: Int)

    /// "binary swap needs a power-of-two number of ranks, not 3".
    public var description: String {
      switch self {
      case .notAPowerOfTwo(let n):
        "binary swap needs a power-of-two number of ranks, not \(n) (use direct send, or radix-k in chapter 17)"
      }
    }
  }

  /// The learner's five functions. Each compositing function gets this rank's whole image and
  /// a `Link` to the other ranks, and every rank calls it.
  public struct Learner {
    /// (incoming, mine, offset, incomingWinsTies): z-composites `incoming` into
    /// `mine[offset ..< offset + incoming.count]`: a pixel is replaced when the incoming one is
    /// nearer, or equally near and `incomingWinsTies`.
    public var composite: (Pixels, inout Pixels, Int, Bool) -> Void
    /// Every rank sends its image to rank 0, which composites them: the whole image at rank 0,
    /// nil elsewhere.
    public var gatherToRoot: (Pixels, Link) throws -> Pixels?
    /// A binomial tree: images move toward rank 0 in ⌈log₂ P⌉ rounds, each rank sending its
    /// (partly composited) image once. The whole image at rank 0, nil elsewhere.
    public var binaryTree: (Pixels, Link) throws -> Pixels?
    /// Each rank owns a strip of rows and receives every other rank's pixels of it.
    public var directSend: (Pixels, Link) throws -> Piece
    /// log₂ P rounds; in each, partners swap halves of the part they still own. Throws
    /// `CompositingError.notAPowerOfTwo` when P is not a power of two.
    public var binarySwap: (Pixels, Link) throws -> Piece

    /// Same as `Chapter00.Learner.init(coveredPixels:totalCovered:)`: one argument per property.
    public init(
      composite: @escaping (Pixels, inout Pixels, Int, Bool) -> Void,
      gatherToRoot: @escaping (Pixels, Link) throws -> Pixels?,
      binaryTree: @escaping (Pixels, Link) throws -> Pixels?,
      directSend: @escaping (Pixels, Link) throws -> Piece,
      binarySwap: @escaping (Pixels, Link) throws -> Piece
    ) {
      self.composite = composite
      self.gatherToRoot = gatherToRoot
      self.binaryTree = binaryTree
      self.directSend = directSend
      self.binarySwap = binarySwap
    }
  }

  /// Bytes one pixel takes on the wire: 4 of colour and 4 of depth.
  public static let bytesPerPixel = 8
}

extension Chapter16 {
  /// Messages between the ranks for compositing, on a communicator of their own, counted by
  /// the harness: bytes and messages each rank sends and receives, and the longest chain of
  /// messages behind the pixels a rank holds (its "rounds"). One message carries the colours
  /// and the depths of a run of pixels (two MPI messages, counted as one).
  public final class Link {
    /// This rank.
    public let rank: Int
    /// The number of ranks.
    public let size: Int
    /// The image's width and height in pixels; every rank's image has this size.
    public let width: Int, height: Int
    let comm: Communicator

    /// Counters, kept by the link (not by the code it carries).
    public private(set) var bytesSent = 0, messagesSent = 0, bytesReceived = 0, messagesReceived = 0
    /// Rounds of messages, one after the other, behind what this rank holds: 0 before any
    /// receive; each receive comes after everything this rank had and everything the sender
    /// had, so it makes `max(mine, sender's) + 1`. At the root of a gather that is P − 1, of a
    /// binomial tree ⌈log₂ P⌉.
    public private(set) var rounds = 0

    /// Tags carry the sender's `rounds`, so the receiver learns how far the data has come.
    static let baseTag = 1600

    init(_ comm: Communicator, width: Int, height: Int) {
      self.comm = comm
      rank = comm.rank
      size = comm.size
      self.width = width
      self.height = height
    }

    /// `width × height`.
    public var pixelCount: Int { width * height }

    /// Sends `pixels[range]` to `destination` (`MPI_Send` of the colours, then of the depths).
    public func send(_ pixels: Pixels, range: Range<Int>, to destination: Int) throws {
      try comm.send(pixels.color, range: range, to: destination, tag: Link.baseTag + rounds)
      try comm.send(pixels.depth, range: range, to: destination, tag: Link.baseTag + rounds)
      sent(range.count)
    }

    /// Receives `count` pixels from `source` (`MPI_Recv` twice).
    public func receive(count: Int, from source: Int) throws -> Pixels {
      var incoming = Pixels(count: count)
      try receive(into: &incoming, range: 0..<count, from: source)
      return incoming
    }

    /// Receives `range.count` pixels from `source` straight into `pixels[range]`.
    public func receive(into pixels: inout Pixels, range: Range<Int>, from source: Int) throws {
      let status = try comm.receive(into: &pixels.color, range: range, from: source)
      try comm.receive(into: &pixels.depth, range: range, from: source, tag: status.tag)
      try received(status, count: range.count, range: range, from: source)
    }

    /// Sends `outgoing[sending]` to `destination` and receives pixels from `source` into
    /// `incoming[receiving]` at the same time (`MPI_Sendrecv`): ranks that exchange parts of
    /// large images never wait for each other, whatever order they call in.
    public func exchange(
      _ outgoing: Pixels, sending: Range<Int>, to destination: Int, into incoming: inout Pixels,
      receiving: Range<Int>, from source: Int
    ) throws {
      let tag = Link.baseTag + rounds
      let status = try comm.sendReceive(
        outgoing.color, range: sending, to: destination, sendTag: tag, into: &incoming.color,
        range: receiving, from: source)
      try comm.sendReceive(
        outgoing.depth, range: sending, to: destination, sendTag: tag, into: &incoming.depth,
        range: receiving, from: source, receiveTag: status.tag)
      sent(sending.count)
      try received(status, count: receiving.count, range: receiving, from: source)
    }

    func sent(_ pixels: Int) {
      bytesSent += pixels * Chapter16.bytesPerPixel
      messagesSent += 1
    }

    func received(_ status: Status, count: Int, range: Range<Int>, from source: Int) throws {
      let arrived = try status.count(of: UInt32.self)
      guard arrived == count else {
        throw CheckFailure("rank \(rank) asked for \(count) pixels from rank \(source) but \(arrived) arrived")
      }
      bytesReceived += count * Chapter16.bytesPerPixel
      messagesReceived += 1
      rounds = max(rounds, status.tag - Link.baseTag) + 1
    }
  }

  /// A message from the link about code that does not do what the chapter asks.
  struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
  }
}
