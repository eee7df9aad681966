import Foundation
import Testing
import WorkbookKit

@testable import Chapters

/// Ordered "over" by radix-k against the serial back-to-front blend, within ±1 level of 255;
/// and why the blend runs in Float: rounded to 8 bits at every step, grouping alone moves a
/// channel by 2.
@Suite struct OrderedOverTests {
  typealias Translucent = Chapter17.Translucent

  @Test(arguments: [3, 4, 5, 6])
  func radixKOverMatchesTheSerialBlend(ranks p: Int) {
    let (w, h) = (48, 36)
    let parts = Chapter17.visibilityParts(ranks: p)
    let images = parts.map { Chapter17.translucentSplats($0, width: w, height: h) }
    let oracle = Chapter17.serialOver(images).levels
    for k in [2, 3, p] {
      let factors = Chapter17.factors(ranks: p, k: k)
      let got = RadixKTests.onThreads(p) { r, box in
        try Chapter17.radixK(
          images[r], link: RadixKTests.ThreadCarrier(rank: r, mailbox: box),
          schedule: Chapter17.referenceSchedule(r, factors),
          rle: .runs(Chapter17.referenceEncodeRuns, Chapter17.referenceDecodeRuns),
          blend: Chapter17.overBlend(Chapter17.referenceOver))
      }.sorted { $0.range.lowerBound < $1.range.lowerBound }
      let levels = Translucent(rgba: got.flatMap(\.pixels.rgba)).levels
      let worst = zip(levels, oracle).map { abs(Int($0) - Int($1)) }.max() ?? 0
      #expect(worst <= 1, "P = \(p), factors \(factors): \(worst) levels")
    }
  }

  /// The k-d parts in front-to-back order: rank 0's part is the nearest to the camera.
  @Test func ranksAreInVisibilityOrder() {
    let parts = Chapter17.visibilityParts(ranks: 4)
    #expect(parts.map(\.count).reduce(0, +) == Chapter17.objectCount)
    // The camera looks down −z from z = 62: along any cut the nearer side has the larger z.
    let split = KDSplit(points: ParallelScene.objects(count: Chapter17.objectCount).map(\.center), parts: 4)
    #expect(split.frontToBack(from: ParallelScene.camera.position).count == 4)
  }

  /// 8-bit premultiplied over, rounded to nearest at each step.
  static func over8(_ f: [Int], _ b: [Int]) -> [Int] { (0..<4).map { f[$0] + (b[$0] * (255 - f[3]) + 127) / 255 } }

  /// Four layers where serial and pairwise grouping differ by 2 in red: the reason the chapter
  /// blends in Float and rounds once.
  @Test func eightBitBlendingDriftsByTwoWithGrouping() {
    let (a, b, c, d) = ([2, 18, 9, 27], [89, 32, 71, 90], [123, 9, 142, 143], [190, 194, 116, 233])
    let serial = Self.over8(a, Self.over8(b, Self.over8(c, d)))
    let paired = Self.over8(Self.over8(a, b), Self.over8(c, d))
    #expect(zip(serial, paired).map { abs($0 - $1) }.max() == 2)
    // The same four in Float, rounded once, agree within 1.
    let f = { (v: [Int]) in Chapter17.Premultiplied(v.map { Float($0) / 255 }) }
    let o = Chapter17.referenceOver
    let s = o(f(a), o(f(b), o(f(c), f(d))))
    let q = o(o(f(a), f(b)), o(f(c), f(d)))
    #expect((0..<4).allSatisfy { abs((s[$0] * 255).rounded() - (q[$0] * 255).rounded()) <= 1 })
  }
}
