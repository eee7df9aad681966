import Testing
import WorkbookKit

@testable import Chapters

/// Chapter 17's active-pixel encoding: round trips, the size bound (raw + 8 bytes), and an empty
/// piece that costs one run pair.
@Suite struct RunLengthTests {
  typealias Pixels = Chapter17.Pixels

  /// Opaque pixels of `n` covered where `covered(i)`, with distinct colours and depths.
  static func image(_ n: Int, _ covered: (Int) -> Bool) -> Pixels {
    var p = Pixels(count: n)
    for i in 0..<n where covered(i) {
      p.color[i] = 0xFF00_0000 | UInt32(i & 0xFFFF)
      p.depth[i] = Float(i % 97) / 100
    }
    return p
  }

  static let n = 1001
  static let cases: [(String, Pixels)] = [
    ("empty", image(n) { _ in false }), ("full", image(n) { _ in true }),
    ("checkerboard", image(n) { $0 % 2 == 0 }), ("checkerboard from empty", image(n) { $0 % 2 == 1 }),
    ("one pixel first", image(n) { $0 == 0 }), ("one pixel in the middle", image(n) { $0 == n / 2 }),
    ("one pixel last", image(n) { $0 == n - 1 }), ("one pixel image", image(1) { _ in true }),
  ]

  @Test(arguments: 0..<8)
  func roundTripsAndStaysWithinTheBound(index: Int) throws {
    let (what, image) = Self.cases[index]
    let range = 0..<image.count
    for (name, rle) in [
      ("fast", Chapter17.fastRLE),
      ("runs", .runs(Chapter17.referenceEncodeRuns, Chapter17.referenceDecodeRuns)),
    ] {
      let encoded = try rle.encode(image, range)
      #expect(try rle.decode(encoded, image.count) == image, "\(name) on \(what)")
      let covered = image.depth.filter { $0 < 1 }.count
      #expect(encoded.active.count == covered, "only covered pixels travel (\(name), \(what))")
      // The encoding without the 8-byte message header.
      let bytes = encoded.bytes - 8
      #expect(bytes <= Chapter17.bound(pixels: image.count, bytesPerPixel: 8), "\(name) on \(what): \(bytes) B")
    }
  }

  @Test func emptyPieceIsOneRunPair() throws {
    let encoded = try Chapter17.fastRLE.encode(Self.image(Self.n) { _ in false }, 0..<Self.n)
    #expect(encoded.runs == [UInt32(Self.n), 0])
    #expect(encoded.bytes == 16)  // header + one pair, against 8 008 bytes raw
  }

  /// The checkerboard starting covered is the worst case: n / 2 + 1 pairs (the last is (1, 0))
  /// and n / 2 pixels, raw + 8 bytes.
  @Test func checkerboardReachesTheBoundExactly() {
    let covered = (0..<1000).map { $0 % 2 == 0 }
    let runs = Chapter17.referenceEncodeRuns(covered)
    #expect(runs.count == 2 * 501)
    #expect(Chapter17.encodedBytes(runs, active: 500) == Chapter17.bound(pixels: 1000, bytesPerPixel: 8))
  }

  @Test func encodingAPieceInTheMiddleOfAnImage() throws {
    let image = Self.image(300) { ($0 / 7) % 3 == 0 }
    let range = 101..<257
    let encoded = try Chapter17.fastRLE.encode(image, range)
    #expect(try Chapter17.fastRLE.decode(encoded, range.count) == image[range])
    #expect(encoded.runs == Chapter17.referenceEncodeRuns(image.covered(range)))
  }

  @Test func runsOfTheEmptyListAndOfOneFlag() {
    #expect(Chapter17.referenceEncodeRuns([]) == [])
    #expect(Chapter17.referenceEncodeRuns([true]) == [0, 1])
    #expect(Chapter17.referenceEncodeRuns([false]) == [1, 0])
    #expect(Chapter17.referenceEncodeRuns([false, true, true, false]) == [1, 2, 1, 0])
    #expect(Chapter17.referenceDecodeRuns([1, 2, 1, 0]) == [false, true, true, false])
  }
}
