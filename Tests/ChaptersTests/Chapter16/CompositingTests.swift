import Testing
import WorkbookKit

@testable import Chapters

/// Chapter 16's compositing arithmetic without MPI: the in-place and the out-of-place z-test
/// agree, and the serial composite keeps, per pixel, the smallest (depth, rank) pair.
@Suite struct CompositingTests {
  typealias Pixels = Chapter16.Pixels

  /// Random images of `count` pixels on few depths, so that ties are common.
  static func images(_ ranks: Int, count: Int, seed: UInt64) -> [Pixels] {
    var rng = SeededRandom(seed: seed)
    return (0..<ranks).map { r in
      var p = Pixels(count: count)
      for i in 0..<count where rng.uniform(0...1) < 0.8 {
        p.depth[i] = Float(Int(rng.uniform(0...2.999))) * 0.3
        p.color[i] = UInt32(100 * r + 1)
      }
      return p
    }
  }

  @Test(arguments: [0, 1, 7, 1000])
  func mergeAgreesWithCompositeInPlace(count: Int) {
    let (a, b) = (Self.images(1, count: count, seed: 1)[0], Self.images(1, count: count, seed: 2)[0])
    for bWins in [false, true] {
      var inPlace = a
      Chapter16.referenceComposite(b, count: count, into: &inPlace, at: 0, incomingWinsTies: bWins)
      #expect(Chapter16.referenceMerge(a, 0..<count, b, 0..<count, bWinsTies: bWins) == inPlace)
    }
  }

  @Test(arguments: [1, 2, 3, 5])
  func serialCompositeKeepsTheSmallestDepthThenRank(ranks: Int) {
    let images = Self.images(ranks, count: 500, seed: UInt64(ranks))
    let composite = Chapter16.serialComposite(images)
    for i in 0..<500 {
      let best = (0..<ranks).min { (images[$0].depth[i], $0) < (images[$1].depth[i], $1) }!
      #expect(composite.depth[i] == images[best].depth[i] && composite.color[i] == images[best].color[i], "pixel \(i)")
    }
  }

  /// Any grouping gives the same picture when each step lets the lower group win ties.
  @Test func groupingDoesNotChangeTheResult() {
    let images = Self.images(4, count: 300, seed: 9)
    let serial = Chapter16.serialComposite(images)
    let all = 0..<300
    let low = Chapter16.referenceMerge(images[0], all, images[1], all, bWinsTies: false)
    let high = Chapter16.referenceMerge(images[2], all, images[3], all, bWinsTies: false)
    #expect(Chapter16.referenceMerge(high, all, low, all, bWinsTies: true) == serial)
    #expect(Chapter16.referenceMerge(low, all, high, all, bWinsTies: false) == serial)
  }

  @Test func stripsCoverTheRowsOnce() {
    for height in [0, 1, 5, 243] {
      for p in 1...6 {
        let strips = (0..<p).map { Chapter16.stripRows($0, of: p, height: height) }
        #expect(strips.map(\.count).reduce(0, +) == height)
        #expect(zip(strips, strips.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect((strips.map(\.count).max() ?? 0) - (strips.map(\.count).min() ?? 0) <= 1)
      }
    }
  }
}
